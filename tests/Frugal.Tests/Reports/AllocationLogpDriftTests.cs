using Frugal.Reports;
using Frugal.Studies;
using Frugal.Studies.Allocation;
using static Frugal.Tests.Reports.AllocationResults;

namespace Frugal.Tests.Reports;

public sealed class AllocationLogpDriftTests
{
    [Fact]
    public void Logp_drift_averages_seeds_and_counts_the_seeds_where_both_fell()
    {
        static AllocationTrialRecord Record(int seed, double[] chosen, double[] rejected) => new($"k{seed}", TrialStatus.Done, Cell(1000, 0, 0.1, seed: seed), null,
            new Dictionary<string, IReadOnlyList<(int, double)>>
            {
                // Stored out of order on purpose: first and last are by step.
                [AllocationLogpDrift.ChosenSeries] = [.. chosen.Select((v, i) => (10 * (i + 1), v)).Reverse()],
                [AllocationLogpDrift.RejectedSeries] = [.. rejected.Select((v, i) => (10 * (i + 1), v))],
            });
        AllocationTrialRecord[] records =
        [
            Record(0, [-50, -60, -70], [-52, -65, -80]),  // both fell: a collapse
            Record(1, [-50, -48, -46], [-52, -60, -70]),  // chosen rose, rejected fell: what DPO should do
            new("base", TrialStatus.Done, Base(0), null, new Dictionary<string, IReadOnlyList<(int, double)>>()),
        ];

        var drift = Assert.Single(AllocationLogpDrift.Of(records, "math"));

        Assert.Equal((1000.0, 0.0, 2, 1), (drift.Budget, drift.Ratio, drift.Seeds, drift.BothFell));
        Assert.Equal(-50, drift.ChosenFirst);
        Assert.Equal(-58, drift.ChosenLast);
        Assert.Equal(-8, drift.ChosenChange);
        Assert.Equal(-23, drift.RejectedChange);
    }
}
