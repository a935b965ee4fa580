namespace Frugal.Reports;

/// <summary>How a subject (a ratio, or the best of a family of ratios) fared against the best cell at one budget.</summary>
public enum AllocationContest
{
    /// <summary>It has the highest mean (an exact tie on the mean counts as a win).</summary>
    Wins,

    /// <summary>Not the highest mean, but within the noise of it (<see cref="AllocationScore.Ties"/>).</summary>
    Ties,

    /// <summary>Beaten by more than the noise, diverged, or not measured while others were.</summary>
    Loses,
}

/// <summary>The scored cells at one budget, for deciding which ratio won and whether the budget measured anything.</summary>
public sealed record AllocationStanding(double Budget, IReadOnlyList<(double Ratio, AllocationScore Score)> Scored)
{
    public static AllocationStanding At(AllocationTaskGrid grid, double budget) =>
        new(budget, [.. grid.AtBudget(budget).Where(c => c.Score is not null).Select(c => (c.Ratio, c.Score!))]);

    /// <summary>The highest mean; on an exact tie the smaller ratio, the cheaper one in preference-data terms.</summary>
    public (double Ratio, AllocationScore Score) Best => Scored.OrderByDescending(s => s.Score.Mean).ThenBy(s => s.Ratio).First();

    /// <summary>Every scored cell is indistinguishable from zero: this budget cannot name a winner.</summary>
    public bool MeasuredNothing => Scored.All(s => s.Score.IsZero);

    /// <summary>The best-scoring ratio among those <paramref name="family"/> accepts, or null when none of them scored.</summary>
    public (double Ratio, AllocationScore Score)? BestOf(Func<double, bool> family) =>
        Scored.Where(s => family(s.Ratio)).OrderByDescending(s => s.Score.Mean).ThenBy(s => s.Ratio)
            .Select(s => ((double, AllocationScore)?)s).FirstOrDefault();

    /// <summary>How <paramref name="subject"/> fared against <paramref name="rival"/>; a missing subject loses, a missing rival wins it the contest.</summary>
    public static AllocationContest Contest(AllocationScore? subject, AllocationScore? rival)
    {
        if (subject is null) return AllocationContest.Loses;
        if (rival is null || subject.Mean >= rival.Mean) return AllocationContest.Wins;
        return subject.Ties(rival) ? AllocationContest.Ties : AllocationContest.Loses;
    }
}
