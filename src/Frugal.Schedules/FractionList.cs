namespace Frugal.Schedules;

/// <summary>Budget fractions such as step milestones and sampling points: strictly increasing, inside (0, 1).</summary>
public static class FractionList
{
    public static IEnumerable<string> Problems(IReadOnlyList<double> fractions, string what)
    {
        if (fractions.Count == 0) yield return $"{what}: list at least one fraction of the budget";
        for (var i = 0; i < fractions.Count; i++)
        {
            if (!(fractions[i] > 0 && fractions[i] < 1))
                yield return $"{what} must lie strictly between 0 and 1, got {fractions[i]}";
            else if (i > 0 && fractions[i] <= fractions[i - 1])
                yield return $"{what} must be strictly increasing, got {fractions[i - 1]} then {fractions[i]}";
        }
    }
}
