using Frugal.Training;

namespace Frugal.Tests.Training;

public class BudgetTests
{
    [Theory]
    [InlineData(1.0, 10, 422, 4220)]
    [InlineData(0.01, 10, 422, 43)]      // 42.2 steps round up
    [InlineData(0.1, 10, 469, 469)]      // 0.1 x 10 x 469 is 469.00000000000006 in doubles
    [InlineData(0.25, 5, 422, 528)]      // 527.5
    [InlineData(0.001, 1, 10, 1)]        // never fewer than one step
    public void Total_steps_is_the_ceiling_of_fraction_times_epochs_times_steps_per_epoch(double fraction, double epochs, int stepsPerEpoch, int expected) =>
        Assert.Equal(expected, new Budget(fraction, epochs).TotalSteps(stepsPerEpoch));

    [Fact]
    public void Low_budget_is_under_a_quarter_as_in_the_paper()
    {
        Assert.True(new Budget(0.1, 10).IsLow);
        Assert.False(new Budget(0.25, 10).IsLow);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_zero_to_one_is_refused(double fraction) =>
        Assert.Contains("--budget", Assert.Single(new Budget(fraction, 10).Validate()));

    [Fact]
    public void Config_validation_names_every_bad_option()
    {
        var problems = new TrainConfig { Lr = 0, Budget = 2, BatchSize = 0 }.Validate().ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--lr"));
        Assert.Contains(problems, p => p.StartsWith("--budget"));
        Assert.Contains(problems, p => p.StartsWith("--batch-size"));
        Assert.Empty(new TrainConfig().Validate());
    }
}
