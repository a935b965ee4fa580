using Frugal.Studies;

namespace Frugal.Tests.Studies;

public sealed class DataBudgetTests
{
    [Theory]
    [InlineData(1000, 1, 1, 0.1, 100, 900)]
    [InlineData(1000, 1, 1, 0.0, 0, 1000)]
    [InlineData(1000, 1, 1, 1.0, 1000, 0)]
    [InlineData(1000, 2, 0.5, 0.25, 125, 1500)] // pairs four times cheaper than demonstrations
    [InlineData(100, 3, 1, 0.5, 16, 50)]       // floor(50 / 3) = 16
    [InlineData(300, 1, 1, 0.01, 3, 297)]
    public void Split_floors_each_share_of_the_budget_by_its_cost(double total, double cSft, double cPref, double r, int sft, int pref)
    {
        var split = new DataBudget(total, cSft, cPref).Split(r);
        Assert.Equal((r, sft, pref), (split.SftRatio, split.Sft, split.Pref));
    }

    [Fact]
    public void Split_never_spends_more_than_the_budget()
    {
        foreach (var total in new[] { 7.0, 100, 333, 1000, 9999 })
            foreach (var (cSft, cPref) in new[] { (1.0, 1.0), (3.0, 1.0), (1.0, 0.3), (2.5, 0.7) })
                foreach (var r in new[] { 0, 0.01, 0.1, 0.25, 0.333, 0.5, 0.75, 1 })
                {
                    var split = new DataBudget(total, cSft, cPref).Split(r);
                    Assert.True(split.Sft * cSft + split.Pref * cPref <= total + 1e-6, $"B={total} r={r} costs {cSft}/{cPref}");
                }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Split_rejects_a_ratio_outside_the_unit_interval(double r) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataBudget(100).Split(r));

    [Fact]
    public void Validate_names_every_bad_option()
    {
        var problems = new DataBudget(0, -1, double.PositiveInfinity).Validate().ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--budget"));
        Assert.Contains(problems, p => p.StartsWith("--cost-sft"));
        Assert.Contains(problems, p => p.StartsWith("--cost-pref"));
        Assert.Empty(new DataBudget(100, 2, 0.5).Validate());
    }
}
