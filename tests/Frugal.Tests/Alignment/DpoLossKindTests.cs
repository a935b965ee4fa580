using Frugal.Alignment;
using Frugal.Schedules;

namespace Frugal.Tests.Alignment;

public class DpoLossKindTests
{
    // TRL's DPOConfig.loss_type help text (trl 1.9): every name it accepts.
    private static readonly string[] TrlLossTypes =
    [
        "sigmoid", "hinge", "ipo", "exo_pair", "nca_pair", "robust", "bco_pair", "sppo_hard", "aot", "aot_unpaired",
        "apo_zero", "apo_down", "discopop", "sft", "sigmoid_norm",
    ];

    [Fact]
    public void The_names_are_trls_loss_types()
    {
        Assert.Equal(
            "sigmoid, hinge, ipo, robust, exo_pair, nca_pair, bco_pair, sppo_hard, aot, apo_zero, apo_down, sigmoid_norm",
            EnumNames.List<DpoLossKind>());
        Assert.All(EnumNames.All<DpoLossKind>(), kind => Assert.Contains(kind.Name(), TrlLossTypes));
    }

    [Fact]
    public void Every_kind_parses_from_its_name_in_any_case()
    {
        foreach (var kind in EnumNames.All<DpoLossKind>())
        {
            Assert.True(EnumNames.TryParse<DpoLossKind>(kind.Name(), out var parsed));
            Assert.Equal(kind, parsed);
            Assert.Equal(kind, DpoLossKinds.Parse(kind.Name().ToUpperInvariant()));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("dpo")]
    [InlineData("exo-pair")]
    [InlineData("discopop")]
    public void An_unknown_name_is_bad_input_naming_the_option_and_the_choices(string name)
    {
        var error = Assert.Throws<BadInputException>(() => DpoLossKinds.Parse(name, "--loss-type"));
        Assert.Equal($"--loss-type: unknown DPO loss '{name}'; expected one of {EnumNames.List<DpoLossKind>()}", error.Message);
    }

    [Fact]
    public void Label_smoothing_and_lengths_belong_to_the_variants_whose_formulas_have_them()
    {
        Assert.Equal([DpoLossKind.Sigmoid, DpoLossKind.Robust, DpoLossKind.ExoPair, DpoLossKind.Aot],
            EnumNames.All<DpoLossKind>().Where(k => k.UsesLabelSmoothing()));
        Assert.Equal([DpoLossKind.Ipo, DpoLossKind.SigmoidNorm], EnumNames.All<DpoLossKind>().Where(k => k.NeedsLengths()));
    }
}
