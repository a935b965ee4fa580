namespace Frugal.Studies;

/// <summary>
/// A data budget as the Balancing-the-Budget paper (Raghavendra, Kang, Ritter, ACL 2025) states it:
/// B cost units, a demonstration costs <c>CostSft</c> and a preference pair <c>CostPref</c> (the paper's
/// main analysis counts both at 1). An SFT ratio r spends r B on demonstrations and the rest on pairs.
/// </summary>
public sealed record DataBudget(double Total, double CostSft = 1, double CostPref = 1)
{
    /// <summary>n_sft = floor(r B / c_sft), n_pref = floor((1 - r) B / c_pref).</summary>
    public DataSplitCounts Split(double sftRatio)
    {
        if (!(sftRatio is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(sftRatio), sftRatio, "an SFT ratio is in [0, 1]");
        // A hair of tolerance so r B that is an integer in exact arithmetic (0.1 x 1000) is not floored to one less.
        var sft = (int)Math.Floor(sftRatio * Total / CostSft + 1e-9);
        var pref = (int)Math.Floor((1 - sftRatio) * Total / CostPref + 1e-9);
        return new DataSplitCounts(sftRatio, sft, pref);
    }

    public IEnumerable<string> Validate()
    {
        if (!(Total > 0) || !double.IsFinite(Total)) yield return $"--budget must be positive, got {Total}";
        if (!(CostSft > 0) || !double.IsFinite(CostSft)) yield return $"--cost-sft must be positive, got {CostSft}";
        if (!(CostPref > 0) || !double.IsFinite(CostPref)) yield return $"--cost-pref must be positive, got {CostPref}";
    }
}

/// <summary>How many demonstrations and preference pairs an SFT ratio buys.</summary>
public sealed record DataSplitCounts(double SftRatio, int Sft, int Pref);
