namespace Frugal.Studies;

/// <summary>In how many of <see cref="Experiments"/> a schedule finished first, and in the top 3.</summary>
public sealed record TopShare(int First, int Top3, int Experiments)
{
    public double? FirstPercent => Experiments == 0 ? null : 100.0 * First / Experiments;

    public double? Top3Percent => Experiments == 0 ? null : 100.0 * Top3 / Experiments;
}

/// <summary>One row of the REX paper's Table 1: overall, low budget (&lt; 25%) and high budget (&gt;= 25%).</summary>
public sealed record ScheduleTopShares(string Schedule, TopShare Overall, TopShare Low, TopShare High);
