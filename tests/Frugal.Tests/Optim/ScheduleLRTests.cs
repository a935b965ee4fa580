using Frugal.Optim;
using Frugal.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Frugal.Tests.Optim;

public class ScheduleLRTests
{
    private const double PeakLr = 0.1;

    private static SGD NewSgd(double momentum = 0) => optim.SGD([new Parameter(zeros(3))], PeakLr, momentum);

    private static double Lr(optim.Optimizer optimizer) => optimizer.ParamGroups.Single().LearningRate;

    /// <summary>Steps both schedulers through a whole run and compares the learning rate each step sees.</summary>
    private static void AssertSameRun(int steps, Func<optim.Optimizer, LRScheduler> theirs, Schedule ours)
    {
        var reference = NewSgd();
        var frugal = NewSgd();
        var referenceScheduler = theirs(reference);
        var frugalScheduler = new ScheduleLR(frugal, ours, steps);
        for (var t = 0; t < steps; t++)
        {
            Assert.True(Math.Abs(Lr(reference) - Lr(frugal)) <= 1e-9, $"step {t}: TorchSharp {Lr(reference):R}, Frugal {Lr(frugal):R}");
            referenceScheduler.step();
            frugalScheduler.step();
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void Cosine_equals_CosineAnnealingLR(int steps) =>
        AssertSameRun(steps, o => CosineAnnealingLR(o, steps, 0), new Schedule(new CosineProfile()));

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void Exponential_equals_ExponentialLR_with_gamma_refitted_to_the_budget(int steps) =>
        AssertSameRun(steps, o => ExponentialLR(o, Math.Exp(-3.0 / steps)), new Schedule(new ExponentialProfile()));

    [Theory]
    [InlineData(8)]
    [InlineData(1000)]
    public void Step_equals_MultiStepLR_at_half_and_three_quarters(int steps) =>
        AssertSameRun(steps, o => MultiStepLR(o, [steps / 2, steps * 3 / 4], 0.1), new Schedule(new StepProfile()));

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void Linear_equals_LinearLR_to_zero(int steps) =>
        AssertSameRun(steps, o => LinearLR(o, 1.0, 0.0, steps), new Schedule(new LinearProfile()));

    [Fact]
    public void Plateau_equals_ReduceLROnPlateau_on_the_same_metrics()
    {
        var reference = NewSgd();
        var frugal = NewSgd();
        var referenceScheduler = ReduceLROnPlateau(reference, factor: 0.5, patience: 2, cooldown: 1, min_lr: [0.001]);
        var frugalScheduler = new PlateauLR(frugal, new PlateauOptions { Factor = 0.5, Patience = 2, Cooldown = 1, MinLr = 0.001 });
        var random = new Random(7);
        var metric = 10.0;
        var reductions = 0;
        for (var epoch = 0; epoch < 200; epoch++)
        {
            // A loss that improves in bursts and stalls in between, so the plateau rule fires repeatedly.
            metric *= random.NextDouble() < 0.3 ? 0.9 : 1.0;
            var before = Lr(frugal);
            referenceScheduler.step(metric);
            frugalScheduler.step(metric);
            if (Lr(frugal) < before) reductions++;
            Assert.True(Math.Abs(Lr(reference) - Lr(frugal)) <= 1e-12, $"epoch {epoch}: TorchSharp {Lr(reference):R}, Frugal {Lr(frugal):R}");
        }
        Assert.True(reductions >= 3, $"the metric sequence should trigger several reductions, got {reductions}");
    }

    [Fact]
    public void The_optimizer_applies_the_scheduled_learning_rate()
    {
        // loss = sum(w * x) has gradient x, so plain SGD moves w by exactly -lr(t) x at step t.
        using var w = new Parameter(zeros(3));
        using var x = tensor(new float[] { 1, 2, 3 });
        var optimizer = optim.SGD([w], PeakLr);
        const int steps = 4;
        var scheduler = new ScheduleLR(optimizer, new Schedule(new RexProfile()), steps);
        for (var t = 0; t < steps; t++)
        {
            using var scope = NewDisposeScope();
            var before = w.detach().clone();
            optimizer.zero_grad();
            (w * x).sum().backward();
            optimizer.step();
            scheduler.step();
            var applied = -(w - before)[0].item<float>();
            var expected = PeakLr * new RexProfile().At(t / (double)steps);
            Assert.True(Math.Abs(applied - expected) < 1e-7, $"step {t}: weight moved by {applied}, expected lr {expected}");
        }
    }

    [Fact]
    public void OneCycle_moves_sgd_momentum_and_adam_beta1()
    {
        var sgd = NewSgd(momentum: 0.9);
        var sgdScheduler = new ScheduleLR(sgd, new Schedule(new OneCycleProfile()), 10);
        var momentum = (optim.IMomentum)sgd.ParamGroups.Single();
        Assert.Equal(0.95, momentum.Momentum, 12);
        Assert.Equal(0.01, Lr(sgd), 12);
        for (var t = 0; t < 5; t++) sgdScheduler.step();
        Assert.Equal(0.85, momentum.Momentum, 12);
        Assert.Equal(0.1, Lr(sgd), 12);

        var adam = optim.Adam([new Parameter(zeros(3))], PeakLr);
        var adamScheduler = new ScheduleLR(adam, new Schedule(new OneCycleProfile()), 10);
        for (var t = 0; t < 5; t++) adamScheduler.step();
        var betas = (optim.IBetas)adam.ParamGroups.Single();
        Assert.Equal(0.85, betas.Betas.Item1, 12);
        Assert.Equal(0.999, betas.Betas.Item2, 12);
    }

    [Fact]
    public void Resuming_from_a_step_continues_the_same_curve()
    {
        var schedule = new Schedule(new RexProfile());
        var fresh = NewSgd();
        var freshScheduler = new ScheduleLR(fresh, schedule, 20);
        for (var t = 0; t < 7; t++) freshScheduler.step();
        var resumed = NewSgd();
        var resumedScheduler = new ScheduleLR(resumed, schedule, 20, lastStep: 6);
        Assert.Equal(7, resumedScheduler.Step);
        Assert.Equal(Lr(fresh), Lr(resumed));
    }

    [Fact]
    public void A_metric_does_not_advance_a_progress_schedule()
    {
        var optimizer = NewSgd();
        var scheduler = new ScheduleLR(optimizer, new Schedule(new LinearProfile()), 10);
        scheduler.step(0.5);
        Assert.Equal(0, scheduler.Step);
        Assert.Equal(PeakLr, Lr(optimizer), 12);
    }
}
