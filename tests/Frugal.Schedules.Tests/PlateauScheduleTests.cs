namespace Frugal.Schedules.Tests;

public class PlateauScheduleTests
{
    [Fact]
    public void Decays_once_the_metric_has_not_improved_for_more_than_patience_evaluations()
    {
        var plateau = new PlateauSchedule(1, new PlateauOptions { Patience = 2 });
        double[] metrics = [5, 4, 4, 4, 4, 3, 3, 3, 3];
        double[] lrs = [.. metrics.Select(plateau.Report)];
        // Bad evaluations after the 4: 1, 2, 3 > patience -> x0.1; then 3 improves, three more bad -> x0.1.
        Assert.Equal([1, 1, 1, 1, 0.1, 0.1, 0.1, 0.1, 0.1 * 0.1], lrs, new ToleranceComparer());
    }

    [Fact]
    public void Cooldown_and_floor_hold_as_in_pytorch()
    {
        var plateau = new PlateauSchedule(1, new PlateauOptions { Patience = 0, Cooldown = 1, MinLr = 0.05 });
        double[] lrs = [.. new double[] { 1, 1, 1, 1, 1, 1 }.Select(plateau.Report)];
        Assert.Equal([1, 0.1, 0.1, 0.05, 0.05, 0.05], lrs, new ToleranceComparer());
    }

    [Fact]
    public void State_restores_exactly()
    {
        var a = new PlateauSchedule(1, new PlateauOptions { Patience = 1 });
        foreach (var m in new double[] { 3, 2, 2 }) a.Report(m);
        var b = new PlateauSchedule(1, new PlateauOptions { Patience = 1 });
        b.Restore(a.State);
        foreach (var m in new double[] { 2, 2, 1, 1, 1 }) Assert.Equal(a.Report(m), b.Report(m));
    }
}
