using Frugal.Alignment;
using Frugal.Schedules;
using static Frugal.Tests.Alignment.DpoLossAssert;
using TorchSharp;
using static TorchSharp.torch;

namespace Frugal.Tests.Alignment;

public class DpoLossTests
{
    // Three pairs: a small positive margin, a negative one, and one so large (logits 15) that hinge is 0
    // at beta 0.1. The reference margins sort differently from the policy's, so aot's sort matters.
    private static readonly double[] PolicyChosen = [-10.0, -22.5, -5.0];
    private static readonly double[] PolicyRejected = [-12.0, -20.0, -30.0];
    private static readonly double[] ReferenceChosen = [-11.0, -19.0, -12.0];
    private static readonly double[] ReferenceRejected = [-11.5, -21.5, -22.0];
    // The last rejected completion is empty: TRL counts it as one token.
    private static readonly double[] ChosenLengths = [4, 9, 3];
    private static readonly double[] RejectedLengths = [5, 8, 0];

    private static DpoLossOutput Run(DpoOptions options, ScalarType dtype = ScalarType.Float64) =>
        DpoLoss.Compute(tensor(PolicyChosen, dtype), tensor(PolicyRejected, dtype), tensor(ReferenceChosen, dtype),
            tensor(ReferenceRejected, dtype), options, tensor(ChosenLengths, dtype), tensor(RejectedLengths, dtype));

    private static double LogSigmoid(double z) => z >= 0 ? -Math.Log(1 + Math.Exp(-z)) : z - Math.Log(1 + Math.Exp(z));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>The loss written out on doubles, pair by pair, from the papers' formulas as TRL states them.</summary>
    private static double HandLoss(DpoLossKind kind, double beta, double eps)
    {
        var n = PolicyChosen.Length;
        var sortedPolicyMargins = Enumerable.Range(0, n).Select(i => PolicyChosen[i] - PolicyRejected[i]).Order().ToArray();
        var sortedReferenceMargins = Enumerable.Range(0, n).Select(i => ReferenceChosen[i] - ReferenceRejected[i]).Order().ToArray();
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var c = PolicyChosen[i] - ReferenceChosen[i];
            var r = PolicyRejected[i] - ReferenceRejected[i];
            var x = (PolicyChosen[i] - PolicyRejected[i]) - (ReferenceChosen[i] - ReferenceRejected[i]);
            var perToken = c / Math.Max(1, ChosenLengths[i]) - r / Math.Max(1, RejectedLengths[i]);
            var aot = sortedPolicyMargins[i] - sortedReferenceMargins[i];
            total += kind switch
            {
                DpoLossKind.Sigmoid => -(1 - eps) * LogSigmoid(beta * x) - eps * LogSigmoid(-beta * x),
                DpoLossKind.Hinge => Math.Max(0, 1 - beta * x),
                DpoLossKind.Ipo => Math.Pow(perToken - 1 / (2 * beta), 2),
                DpoLossKind.Robust => ((1 - eps) * -LogSigmoid(beta * x) - eps * -LogSigmoid(-beta * x)) / (1 - 2 * eps),
                DpoLossKind.ExoPair => Sigmoid(beta * x) * (LogSigmoid(beta * x) - Math.Log(1 - eps))
                    + Sigmoid(-beta * x) * (LogSigmoid(-beta * x) - Math.Log(eps)),
                DpoLossKind.NcaPair => -LogSigmoid(beta * c) - 0.5 * LogSigmoid(-beta * c) - 0.5 * LogSigmoid(-beta * r),
                DpoLossKind.BcoPair => -LogSigmoid(beta * c) - LogSigmoid(-beta * r),
                DpoLossKind.SppoHard => Math.Pow(c - 1 / (2 * beta), 2) + Math.Pow(r + 1 / (2 * beta), 2),
                DpoLossKind.Aot => -(1 - eps) * LogSigmoid(beta * aot) - eps * LogSigmoid(-beta * aot),
                DpoLossKind.ApoZero => 1 - Sigmoid(beta * c) + Sigmoid(beta * r),
                DpoLossKind.ApoDown => Sigmoid(beta * c) + 1 - Sigmoid(beta * (c - r)),
                DpoLossKind.SigmoidNorm => -LogSigmoid(beta * perToken),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
        }
        return total / n;
    }

    /// <summary>exo_pair needs label smoothing above 0 (TRL raises otherwise).</summary>
    private static double DefaultSmoothing(DpoLossKind kind) => kind == DpoLossKind.ExoPair ? 1e-3 : 0;

    public static TheoryData<DpoLossKind, double, double> EveryVariant()
    {
        var data = new TheoryData<DpoLossKind, double, double>();
        foreach (var kind in EnumNames.All<DpoLossKind>())
        {
            data.Add(kind, 0.1, DefaultSmoothing(kind));
            data.Add(kind, 0.5, DefaultSmoothing(kind));
            if (kind.UsesLabelSmoothing()) data.Add(kind, 0.5, 0.2);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryVariant))]
    public void Every_variant_equals_its_formula_worked_by_hand(DpoLossKind kind, double beta, double eps)
    {
        var output = Run(new DpoOptions(beta, eps, kind));
        Assert.Empty(output.Loss.shape);
        Close(HandLoss(kind, beta, eps), output.Loss.item<double>());
    }

    [Theory]
    [MemberData(nameof(EveryVariant))]
    public void Every_variant_works_in_float32(DpoLossKind kind, double beta, double eps)
    {
        var output = Run(new DpoOptions(beta, eps, kind), ScalarType.Float32);
        Assert.Equal(ScalarType.Float32, output.Loss.dtype);
        Close(HandLoss(kind, beta, eps), output.Loss.item<float>());
    }

    [Theory]
    [InlineData(DpoLossKind.Sigmoid, 0.6931471805599453)]
    [InlineData(DpoLossKind.Hinge, 1.0)]
    [InlineData(DpoLossKind.Ipo, 25.0)] // (1 / (2 * 0.1))^2
    [InlineData(DpoLossKind.Robust, 0.6931471805599453)]
    [InlineData(DpoLossKind.NcaPair, 1.3862943611198906)] // 2 ln 2
    [InlineData(DpoLossKind.BcoPair, 1.3862943611198906)]
    [InlineData(DpoLossKind.SppoHard, 50.0)] // 2 * 25
    [InlineData(DpoLossKind.Aot, 0.6931471805599453)]
    [InlineData(DpoLossKind.ApoZero, 1.0)]
    [InlineData(DpoLossKind.ApoDown, 1.0)]
    [InlineData(DpoLossKind.SigmoidNorm, 0.6931471805599453)]
    public void A_policy_equal_to_its_reference_has_the_known_starting_loss(DpoLossKind kind, double expected)
    {
        var logps = tensor(new[] { -3.0, -40.0 });
        var lengths = tensor(new[] { 2.0, 7.0 });
        var output = DpoLoss.Compute(logps, logps * 2, logps, logps * 2, new DpoOptions(Loss: kind), lengths, lengths);
        Close(expected, output.Loss.item<double>(), 1e-12);
    }

    [Fact]
    public void Exo_pair_at_the_reference_is_the_kl_from_one_half_to_the_smoothed_labels()
    {
        var logps = tensor(new[] { -3.0 });
        var output = DpoLoss.Compute(logps, logps, logps, logps, new DpoOptions(LabelSmoothing: 0.01, Loss: DpoLossKind.ExoPair));
        Close(0.5 * Math.Log(0.5 / 0.99) + 0.5 * Math.Log(0.5 / 0.01), output.Loss.item<double>(), 1e-12);
    }

    [Theory]
    [MemberData(nameof(EveryVariant))]
    public void Beta_changes_every_loss(DpoLossKind kind, double beta, double eps)
    {
        var other = Run(new DpoOptions(beta * 3, eps, kind)).Loss.item<double>();
        var loss = Run(new DpoOptions(beta, eps, kind)).Loss.item<double>();
        Assert.True(Math.Abs(loss - other) > 1e-6, $"{kind.Name()}: beta {beta} gives {loss}, beta {beta * 3} gives {other}");
    }

    [Theory]
    [InlineData(DpoLossKind.Sigmoid)]
    [InlineData(DpoLossKind.Robust)]
    [InlineData(DpoLossKind.Aot)]
    public void Label_smoothing_changes_the_losses_that_use_it(DpoLossKind kind)
    {
        var smoothed = Run(new DpoOptions(0.5, 0.2, kind)).Loss.item<double>();
        var plain = Run(new DpoOptions(0.5, 0, kind)).Loss.item<double>();
        Assert.True(Math.Abs(smoothed - plain) > 1e-3, $"{kind.Name()}: {smoothed} with smoothing 0.2, {plain} without");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Robust_without_label_smoothing_is_sigmoid(double beta) =>
        Close(Run(new DpoOptions(beta)).Loss.item<double>(), Run(new DpoOptions(beta, 0, DpoLossKind.Robust)).Loss.item<double>(), 1e-12);

    [Fact]
    public void Aot_sorts_the_margins_so_it_differs_from_sigmoid_on_this_batch()
    {
        var aot = Run(new DpoOptions(0.5, 0, DpoLossKind.Aot)).Loss.item<double>();
        var sigmoid = Run(new DpoOptions(0.5)).Loss.item<double>();
        Assert.True(Math.Abs(aot - sigmoid) > 1e-3, $"aot {aot}, sigmoid {sigmoid}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    public void Descending_the_sigmoid_loss_raises_chosen_and_lowers_rejected(double eps)
    {
        const double beta = 0.1;
        var chosen = tensor(PolicyChosen).requires_grad_();
        var rejected = tensor(PolicyRejected).requires_grad_();
        var output = DpoLoss.Compute(chosen, rejected, tensor(ReferenceChosen), tensor(ReferenceRejected), new DpoOptions(beta, eps));
        output.Loss.backward();

        var chosenGrad = Values(chosen.grad!);
        var rejectedGrad = Values(rejected.grad!);
        for (var i = 0; i < PolicyChosen.Length; i++)
        {
            var x = (PolicyChosen[i] - PolicyRejected[i]) - (ReferenceChosen[i] - ReferenceRejected[i]);
            // d/dx [-(1-eps) log sigma(bx) - eps log sigma(-bx)] = -b (1 - eps - sigma(bx)), averaged over 3 pairs.
            var expected = -beta * (1 - eps - Sigmoid(beta * x)) / PolicyChosen.Length;
            Close(expected, chosenGrad[i], 1e-9);
            Close(-expected, rejectedGrad[i], 1e-9);
            if (eps == 0)
            {
                Assert.True(chosenGrad[i] < 0, $"pair {i}: d loss / d chosen = {chosenGrad[i]}");
                Assert.True(rejectedGrad[i] > 0, $"pair {i}: d loss / d rejected = {rejectedGrad[i]}");
            }
        }
    }

    [Fact]
    public void Rewards_are_beta_times_the_log_ratios_and_carry_no_gradient()
    {
        const double beta = 0.25;
        var chosen = tensor(PolicyChosen).requires_grad_();
        var rejected = tensor(PolicyRejected).requires_grad_();
        var output = DpoLoss.Compute(chosen, rejected, tensor(ReferenceChosen), tensor(ReferenceRejected), new DpoOptions(beta));

        Assert.True(output.Loss.requires_grad);
        Assert.False(output.ChosenRewards.requires_grad);
        Assert.False(output.RejectedRewards.requires_grad);
        var chosenRewards = Values(output.ChosenRewards);
        var rejectedRewards = Values(output.RejectedRewards);
        for (var i = 0; i < PolicyChosen.Length; i++)
        {
            Close(beta * (PolicyChosen[i] - ReferenceChosen[i]), chosenRewards[i], 1e-12);
            Close(beta * (PolicyRejected[i] - ReferenceRejected[i]), rejectedRewards[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(DpoLossKind.Ipo)]
    [InlineData(DpoLossKind.SigmoidNorm)]
    public void Per_token_variants_need_both_lengths(DpoLossKind kind)
    {
        var logps = tensor(new[] { -3.0, -4.0 });
        var lengths = tensor(new[] { 2L, 3L });
        var options = new DpoOptions(Loss: kind);
        Assert.Throws<ArgumentException>(() => DpoLoss.Compute(logps, logps, logps, logps, options));
        Assert.Throws<ArgumentException>(() => DpoLoss.Compute(logps, logps, logps, logps, options, chosenLengths: lengths));
        var error = Assert.Throws<ArgumentException>(() => DpoLoss.Compute(logps, logps, logps, logps, options, rejectedLengths: lengths));
        Assert.Contains(kind.Name(), error.Message);
        // Integer counts are fine: they are converted to the log-probabilities' dtype.
        Close(Math.Log(2), DpoLoss.Compute(logps, logps, logps, logps, options with { Loss = DpoLossKind.SigmoidNorm }, lengths, lengths).Loss.item<double>(), 1e-12);
    }

    [Fact]
    public void Per_token_variants_see_averages_so_scaling_log_probs_and_lengths_together_changes_nothing()
    {
        foreach (var kind in new[] { DpoLossKind.Ipo, DpoLossKind.SigmoidNorm })
        {
            var options = new DpoOptions(0.5, 0, kind);
            var once = Run(options).Loss.item<double>();
            var lengths = tensor(new[] { 1.0, 1.0, 1.0 }); // ones: the inputs are already averages
            var averaged = DpoLoss.Compute(
                tensor(PolicyChosen) / tensor(ChosenLengths).clamp_min(1), tensor(PolicyRejected) / tensor(RejectedLengths).clamp_min(1),
                tensor(ReferenceChosen) / tensor(ChosenLengths).clamp_min(1), tensor(ReferenceRejected) / tensor(RejectedLengths).clamp_min(1),
                options, lengths, lengths).Loss.item<double>();
            Close(once, averaged, 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(EveryVariant))]
    public void Only_the_three_outputs_outlive_the_call(DpoLossKind kind, double beta, double eps)
    {
        var inputs = new[] { PolicyChosen, PolicyRejected, ReferenceChosen, ReferenceRejected, ChosenLengths, RejectedLengths }
            .Select(values => tensor(values)).ToArray();
        // Per-thread counts, so tests running on other threads cannot disturb them.
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        var live = statistics.ThreadTotalLiveCount;

        var output = DpoLoss.Compute(inputs[0], inputs[1], inputs[2], inputs[3], new DpoOptions(beta, eps, kind), inputs[4], inputs[5]);
        DpoMetrics.From(output, inputs[0], inputs[1]);
        Assert.Equal(live + 3, statistics.ThreadTotalLiveCount);

        output.Loss.Dispose();
        output.ChosenRewards.Dispose();
        output.RejectedRewards.Dispose();
        Assert.Equal(live, statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Invalid_options_and_mismatched_shapes_throw()
    {
        var two = tensor(new[] { -1.0, -2.0 });
        var three = tensor(new[] { -1.0, -2.0, -3.0 });
        Assert.Throws<ArgumentException>(() => DpoLoss.Compute(two, two, two, two, new DpoOptions(Beta: 0)));
        Assert.Throws<ArgumentException>(() => DpoLoss.Compute(two, two, two, two, new DpoOptions(Loss: DpoLossKind.ExoPair)));
        Assert.Throws<ArgumentException>(() => DpoLoss.Compute(two, three, two, two, new DpoOptions()));
        Assert.Throws<ArgumentException>(() => DpoLoss.Compute(two.reshape(2, 1), two, two, two, new DpoOptions()));
        Assert.Throws<ArgumentException>(() => DpoLoss.Compute(two, two, two, two, new DpoOptions(), three, two));
    }
}
