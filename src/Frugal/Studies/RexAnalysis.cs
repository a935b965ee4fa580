namespace Frugal.Studies;

/// <summary>Everything the REX report states about a study, computed once from its trials.</summary>
public sealed record RexAnalysis(
    IReadOnlyList<ExperimentRanking> Rankings,
    IReadOnlyList<ScheduleTopShares> TopShares,
    IReadOnlyList<BudgetRank> AverageRanks,
    IReadOnlyList<Claim> Claims)
{
    public static RexAnalysis Of(IEnumerable<TrialOutcome> outcomes)
    {
        var rankings = Ranking.Rank(outcomes);
        return new RexAnalysis(rankings, Ranking.TopShares(rankings), Ranking.AverageRanks(rankings), RexClaims.Evaluate(rankings));
    }
}
