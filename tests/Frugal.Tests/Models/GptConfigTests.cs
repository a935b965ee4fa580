using Frugal.Models;
using Frugal.Schedules;

namespace Frugal.Tests.Models;

public class GptConfigTests
{
    [Fact]
    public void Defaults_are_the_1m_preset()
    {
        Assert.Equal(new GptConfig(), GptConfig.Preset("1m"));
        var config = new GptConfig();
        Assert.Equal((265, 256, 4, 4, 128, 4), (config.VocabSize, config.ContextLength, config.Layers, config.Heads, config.Dim, config.MlpRatio));
        Assert.Equal((GptPositions.Rotary, GptMlpKind.Gelu, GptNormKind.LayerNorm, 0.0, true),
            (config.Positions, config.Mlp, config.Norm, config.Dropout, config.TiedEmbeddings));
    }

    [Theory]
    [InlineData("tiny", 33_376)]
    [InlineData("1m", 822_656)]
    [InlineData("5m", 4_793_088)]
    [InlineData("20m", 19_023_360)]
    [InlineData("50m", 49_348_480)]
    public void Presets_have_the_parameter_counts_their_names_promise(string name, long parameters)
    {
        var config = GptConfig.Preset(name);
        Assert.Empty(config.Validate());
        Assert.Equal(parameters, config.ParameterCount());
        // The name is the size to within a fifth (tiny is "small enough for tests": under 50k).
        var promised = name == "tiny" ? 50_000 : double.Parse(name.TrimEnd('m')) * 1e6;
        Assert.InRange(parameters, name == "tiny" ? 1 : 0.8 * promised, name == "tiny" ? promised : 1.2 * promised);
    }

    [Fact]
    public void Every_preset_name_parses_and_unknown_names_list_the_choices()
    {
        foreach (var preset in EnumNames.All<GptPreset>()) Assert.Equal(GptConfig.Preset(preset), GptConfig.Preset(preset.Name()));
        var error = Assert.Throws<BadInputException>(() => GptConfig.Preset("2m"));
        Assert.Equal("--preset: unknown GPT preset '2m'; expected one of tiny, 1m, 5m, 20m, 50m", error.Message);
    }

    [Fact]
    public void Validate_reports_every_problem_at_once()
    {
        var config = new GptConfig { VocabSize = 0, ContextLength = -1, Layers = 0, Heads = 3, Dim = 128, MlpRatio = 0, Dropout = 1 };
        Assert.Equal(
            ["vocab_size must be positive, got 0", "context_length must be positive, got -1", "layers must be positive, got 0",
             "mlp_ratio must be positive, got 0", "dim (128) must be divisible by heads (3)", "dropout must be in [0, 1), got 1"],
            config.Validate());
    }

    [Fact]
    public void Rotary_positions_need_an_even_head_dimension_and_learned_ones_do_not()
    {
        var odd = new GptConfig { Heads = 4, Dim = 36 };
        Assert.Equal(["rotary positions need an even head dimension, dim / heads = 9"], odd.Validate());
        Assert.Empty((odd with { Positions = GptPositions.Learned }).Validate());
    }

    [Fact]
    public void Swiglu_hidden_width_keeps_the_mlp_parameter_count_within_two_percent()
    {
        var gelu = new GptConfig();
        var swiglu = gelu with { Mlp = GptMlpKind.SwiGlu };
        Assert.Equal(344, swiglu.MlpHidden);
        Assert.Equal(0, swiglu.MlpHidden % 8);
        Assert.InRange(3.0 * swiglu.MlpHidden / (2.0 * gelu.MlpHidden), 0.98, 1.02);
    }
}
