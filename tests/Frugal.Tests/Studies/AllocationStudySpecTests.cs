using Frugal.Data.Tasks;
using Frugal.Evaluation;
using Frugal.Studies.Allocation;

namespace Frugal.Tests.Studies;

public class AllocationStudySpecTests
{
    private static AllocationStudySpec Spec(double costSft = 1, double costPref = 1) => new()
    {
        Name = "t",
        Tasks = [TaskKind.Math, TaskKind.Helpful],
        Budgets = [100, 1000],
        Ratios = [0, 0.1, 1],
        Seeds = 2,
        CostSft = costSft,
        CostPref = costPref,
    };

    private static List<AllocationTrialConfig> Trials(AllocationStudySpec spec) =>
        [.. spec.Trials("/base", (task, seed) => new AllocationData(SftPool: $"{task}-{seed}"))];

    [Fact]
    public void The_grid_is_every_cell_per_task_and_seed_plus_one_base_trial_each_with_unique_keys()
    {
        var trials = Trials(Spec());
        Assert.Equal(2 * 2 * (1 + 2 * 3), trials.Count);
        Assert.Equal(trials.Count, trials.Select(t => t.Key).Distinct().Count());
        Assert.Equal(4, trials.Count(t => t.IsBase));
        Assert.Contains("task=helpful|budget=1000|sft_ratio=0.1|seed=1", trials.Select(t => t.Key));
        Assert.All(trials, t => Assert.Equal($"{t.Task}-{t.Seed}", t.Data.SftPool));
        Assert.Equal(VerifierKind.Helpful, trials.First(t => t.Task == TaskKind.Helpful).Verifier);
        Assert.Equal(VerifierKind.Math, trials.First(t => t.Task == TaskKind.Math).Verifier);
    }

    [Fact]
    public void Cells_split_their_budget_by_cost_and_a_base_trial_trains_nothing()
    {
        var trials = Trials(Spec(costSft: 2, costPref: 0.5));
        var cell = trials.Single(t => t.Key == "task=math|budget=1000|sft_ratio=0.1|seed=0");
        Assert.Equal((50, 1800), (cell.Split.Sft, cell.Split.Pref));
        Assert.Equal((0, 0), (trials.First(t => t.IsBase).Split.Sft, trials.First(t => t.IsBase).Split.Pref));
        Assert.Equal((500, 2000), Spec(costSft: 2, costPref: 0.5).PoolSizes());
    }

    [Fact]
    public void A_changed_grid_has_another_fingerprint_and_the_same_grid_the_same()
    {
        Assert.Equal(Spec().Fingerprint(), Spec().Fingerprint());
        Assert.NotEqual(Spec().Fingerprint(), (Spec() with { Ratios = [0, 1] }).Fingerprint());
        Assert.NotEqual(Spec().Fingerprint(), Spec(costPref: 0.5).Fingerprint());
    }

    [Theory]
    [InlineData(-0.1, 100, "--ratios must be in [0, 1]")]
    [InlineData(0.5, 0, "--budgets must be positive")]
    public void Validation_names_the_option(double ratio, double budget, string expected) =>
        Assert.Single((Spec() with { Ratios = [ratio], Budgets = [budget] }).Validate(), p => p.Contains(expected));

    [Fact]
    public void The_base_configuration_hash_is_stable_and_changes_with_the_configuration()
    {
        Assert.Equal(new AllocationBase().Hash(), new AllocationBase().Hash());
        Assert.NotEqual(new AllocationBase().Hash(), (new AllocationBase() with { Steps = 10 }).Hash());
        Assert.Matches("^[0-9a-f]{12}$", new AllocationBase().Hash());
    }
}
