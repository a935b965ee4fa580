using Frugal.Schedules;

namespace Frugal.Studies;

/// <summary>
/// Ranks schedules within each experiment the way the REX paper does (section 1 of papers.md), and the two
/// summaries it reports: Table 1 (share of experiments finished first / in the top 3) and Figure 1
/// (average rank per optimizer and budget across settings).
/// </summary>
public static class Ranking
{
    /// <summary>
    /// One ranking per experiment, ordered by setting and optimizer (first appearance) then budget.
    /// Queued and running trials are left out; a schedule with no finished trial is not in the experiment.
    /// </summary>
    public static IReadOnlyList<ExperimentRanking> Rank(IEnumerable<TrialOutcome> outcomes)
    {
        var finished = outcomes.Where(o => o.Status is TrialStatus.Done or TrialStatus.Diverged or TrialStatus.Failed).ToList();
        var settings = FirstAppearance(finished.Select(o => o.Setting));
        var optimizers = FirstAppearance(finished.Select(o => o.Optimizer));
        return finished
            .GroupBy(o => new Experiment(o.Setting, o.Optimizer, o.Budget))
            .OrderBy(g => settings[g.Key.Setting])
            .ThenBy(g => optimizers[g.Key.Optimizer])
            .ThenBy(g => g.Key.Budget)
            .Select(g => RankOne(g.Key, g))
            .ToList();
    }

    private static ExperimentRanking RankOne(Experiment experiment, IEnumerable<TrialOutcome> trials)
    {
        var unranked = trials
            .GroupBy(o => o.Schedule)
            .Select(g =>
            {
                var metrics = g.Where(IsScored).Select(o => o.Metric!.Value).ToList();
                return (Schedule: g.Key,
                    Score: metrics.Count > 0 ? metrics.Average() : (double?)null,
                    Std: SampleStd(metrics),
                    Done: metrics.Count,
                    Diverged: g.Count(o => o.Status == TrialStatus.Diverged),
                    Failed: g.Count(o => !IsScored(o) && o.Status != TrialStatus.Diverged));
            })
            .OrderBy(s => s.Score ?? double.PositiveInfinity)
            .ThenBy(s => s.Schedule, ScheduleOrder)
            .ToList();

        var standings = new List<ScheduleStanding>(unranked.Count);
        for (var first = 0; first < unranked.Count;)
        {
            var last = first;
            while (last + 1 < unranked.Count && unranked[last + 1].Score == unranked[first].Score) last++;
            // Positions are 1-based; a tie over positions first+1 .. last+1 shares their average.
            var rank = (first + last + 2) / 2.0;
            for (var i = first; i <= last; i++)
            {
                var s = unranked[i];
                standings.Add(new ScheduleStanding(s.Schedule, s.Score, s.Std, s.Done, s.Diverged, s.Failed, rank, first + 1));
            }
            first = last + 1;
        }
        return new ExperimentRanking(experiment, standings);
    }

    // A Done trial without a finite metric has nothing to rank by: it counts as failed.
    private static bool IsScored(TrialOutcome o) => o.Status == TrialStatus.Done && o.Metric is { } m && double.IsFinite(m);

    /// <summary>Sample standard deviation (n - 1), null below two values.</summary>
    public static double? SampleStd(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return null;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    /// <summary>Table 1: per schedule, the share of its experiments where it finished first and in the top 3.</summary>
    public static IReadOnlyList<ScheduleTopShares> TopShares(IReadOnlyList<ExperimentRanking> rankings) =>
        Schedules(rankings)
            .Select(schedule => new ScheduleTopShares(
                schedule,
                Share(rankings, schedule, _ => true),
                Share(rankings, schedule, e => e.IsLowBudget),
                Share(rankings, schedule, e => !e.IsLowBudget)))
            .ToList();

    private static TopShare Share(IReadOnlyList<ExperimentRanking> rankings, string schedule, Func<Experiment, bool> include)
    {
        var standings = rankings.Where(r => include(r.Experiment)).Select(r => r.Of(schedule)).OfType<ScheduleStanding>().ToList();
        return new TopShare(standings.Count(s => s.IsFirst), standings.Count(s => s.IsInTop3), standings.Count);
    }

    /// <summary>Each schedule's rank averaged over the given experiments (those it took part in), in schedule order.</summary>
    public static IReadOnlyList<MeanRank> MeanRanks(IEnumerable<ExperimentRanking> rankings)
    {
        var list = rankings.ToList();
        return Schedules(list)
            .Select(schedule =>
            {
                var ranks = list.Select(r => r.Of(schedule)).OfType<ScheduleStanding>().Select(s => s.Rank).ToList();
                return new MeanRank(schedule, ranks.Average(), ranks.Count);
            })
            .ToList();
    }

    /// <summary>Figure 1: average rank per (optimizer, budget, schedule) across settings.</summary>
    public static IReadOnlyList<BudgetRank> AverageRanks(IReadOnlyList<ExperimentRanking> rankings) =>
        rankings
            .GroupBy(r => (r.Experiment.Optimizer, r.Experiment.Budget))
            .SelectMany(g => MeanRanks(g).Select(m => new BudgetRank(g.Key.Optimizer, g.Key.Budget, m.Schedule, m.Rank, m.Experiments)))
            .ToList();

    /// <summary>Every schedule in the rankings, in <see cref="ScheduleOrder"/>.</summary>
    public static IReadOnlyList<string> Schedules(IEnumerable<ExperimentRanking> rankings) =>
        rankings.SelectMany(r => r.Schedules).Select(s => s.Schedule).Distinct().Order(ScheduleOrder).ToList();

    /// <summary>Frugal's profiles in ProfileKind order (REX first, as in the paper's tables), then any other name.</summary>
    public static IComparer<string> ScheduleOrder { get; } = Comparer<string>.Create((a, b) =>
    {
        var ka = ProfileKinds.TryParse(a, out var x) ? (int)x : int.MaxValue;
        var kb = ProfileKinds.TryParse(b, out var y) ? (int)y : int.MaxValue;
        return ka != kb ? ka.CompareTo(kb) : string.CompareOrdinal(a, b);
    });

    private static Dictionary<string, int> FirstAppearance(IEnumerable<string> names)
    {
        var order = new Dictionary<string, int>();
        foreach (var name in names) order.TryAdd(name, order.Count);
        return order;
    }
}

/// <summary>A schedule's rank averaged over <see cref="Experiments"/> experiments.</summary>
public sealed record MeanRank(string Schedule, double Rank, int Experiments);

/// <summary>One point of Figure 1: a schedule's rank for one optimizer and budget, averaged over <see cref="Settings"/> settings.</summary>
public sealed record BudgetRank(string Optimizer, double Budget, string Schedule, double Rank, int Settings);
