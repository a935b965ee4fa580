namespace Frugal.Studies;

/// <summary>The schedules of one experiment, best first, with their scores and ranks.</summary>
public sealed record ExperimentRanking(Experiment Experiment, IReadOnlyList<ScheduleStanding> Schedules)
{
    public ScheduleStanding? Of(string schedule) => Schedules.FirstOrDefault(s => s.Schedule == schedule);

    /// <summary>The lowest score, or null when every schedule diverged or failed.</summary>
    public double? BestScore => Schedules.Where(s => s.IsScored).Select(s => s.Score).Min();
}

/// <summary>
/// One schedule within one experiment. Score is the mean metric over its Done seeds (lower is better) and
/// Std their sample standard deviation (n - 1; null below two seeds). Rank shares ties as the average of
/// the tied positions (two schedules tied for first both get 1.5); Place is the competition position
/// (both get 1), which is what "finished first" and "in the top 3" count. A schedule with no Done seed has
/// no score and sits behind every scored one.
/// </summary>
public sealed record ScheduleStanding(
    string Schedule,
    double? Score,
    double? Std,
    int Done,
    int Diverged,
    int Failed,
    double Rank,
    int Place)
{
    public bool IsScored => Score is not null;

    public bool IsFirst => IsScored && Place == 1;

    // A diverged schedule is never "in the top 3", even in an experiment with three schedules.
    public bool IsInTop3 => IsScored && Place <= 3;
}
