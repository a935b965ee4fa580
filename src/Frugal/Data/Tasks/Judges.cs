namespace Frugal.Data.Tasks;

public static class Judges
{
    /// <summary>For verifiable tasks: a pass beats a fail, then more checks passed wins, else a tie.</summary>
    public static Preference ByChecks(Verdict a, Verdict b)
    {
        if (a.Passed != b.Passed) return a.Passed ? Preference.A : Preference.B;
        var (passedA, passedB) = (a.Checks.Count(c => c.Passed), b.Checks.Count(c => c.Passed));
        return passedA > passedB ? Preference.A : passedB > passedA ? Preference.B : Preference.Tie;
    }

    /// <summary>The score of a preference for A: 1 a win, 0.5 a tie, 0 a loss (win rates count ties as half).</summary>
    public static double WinScore(this Preference preference) => preference switch
    {
        Preference.A => 1,
        Preference.Tie => 0.5,
        _ => 0,
    };
}
