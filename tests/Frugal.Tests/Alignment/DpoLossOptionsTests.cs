using Frugal.Alignment;
using Frugal.Schedules;

namespace Frugal.Tests.Alignment;

public class DpoLossOptionsTests
{
    [Fact]
    public void Defaults_are_trls()
    {
        var options = new DpoOptions();
        Assert.Equal(0.1, options.Beta);
        Assert.Equal(0, options.LabelSmoothing);
        Assert.Equal(DpoLossKind.Sigmoid, options.Loss);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Every_variant_is_valid_with_trls_defaults_except_exo_pair_which_needs_smoothing()
    {
        foreach (var kind in EnumNames.All<DpoLossKind>().Where(k => k != DpoLossKind.ExoPair))
            Assert.Empty(new DpoOptions(Loss: kind).Validate());
        Assert.Equal(
            ["--label-smoothing must be above 0 for the exo_pair loss (the EXO paper suggests 1e-3)"],
            new DpoOptions(Loss: DpoLossKind.ExoPair).Validate());
        Assert.Empty(new DpoOptions(LabelSmoothing: 1e-3, Loss: DpoLossKind.ExoPair).Validate());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Beta_must_be_positive_and_finite(double beta) =>
        Assert.Equal([$"--beta must be a positive number, got {beta}"], new DpoOptions(Beta: beta).Validate());

    [Theory]
    [InlineData(-0.01)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Label_smoothing_must_be_in_zero_to_one_half(double eps) =>
        Assert.Equal([$"--label-smoothing must be in [0, 0.5), got {eps}"], new DpoOptions(LabelSmoothing: eps).Validate());

    [Theory]
    [InlineData(DpoLossKind.Sigmoid)]
    [InlineData(DpoLossKind.Robust)]
    [InlineData(DpoLossKind.ExoPair)]
    [InlineData(DpoLossKind.Aot)]
    public void Label_smoothing_is_accepted_where_the_formula_uses_it(DpoLossKind kind) =>
        Assert.Empty(new DpoOptions(LabelSmoothing: 0.49, Loss: kind).Validate());

    [Fact]
    public void Label_smoothing_on_a_variant_without_it_is_reported_as_having_no_effect()
    {
        var problem = Assert.Single(new DpoOptions(LabelSmoothing: 0.1, Loss: DpoLossKind.Hinge).Validate());
        Assert.Equal(
            "--label-smoothing 0.1 has no effect on the hinge loss; it is used by sigmoid, robust, exo_pair, aot (set it to 0 or pick one of those)",
            problem);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = new DpoOptions(Beta: 0, LabelSmoothing: 0.7, Loss: DpoLossKind.Ipo).Validate().ToList();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("--beta", problems[0]);
        Assert.StartsWith("--label-smoothing", problems[1]);
    }
}
