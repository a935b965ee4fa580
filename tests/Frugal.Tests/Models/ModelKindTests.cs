using Frugal.Schedules;
using Frugal.Models;

namespace Frugal.Tests.Models;

public class ModelKindTests
{
    [Fact]
    public void Every_kind_parses_from_its_name_in_any_case()
    {
        foreach (var kind in EnumNames.All<ModelKind>())
        {
            Assert.True(EnumNames.TryParse<ModelKind>(kind.Name(), out var parsed));
            Assert.Equal(kind, parsed);
            Assert.Equal(kind, ModelKinds.Parse(kind.Name().ToUpperInvariant()));
        }
    }

    [Fact]
    public void The_names_are_the_ones_users_type()
    {
        Assert.Equal("mlp, cnn, resnet, vae, gpt", EnumNames.List<ModelKind>());
        Assert.Equal(EnumNames.All<ModelKind>().Count, EnumNames.All<ModelKind>().Select(k => k.Name()).Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("resnet20")]
    [InlineData("Mlp ")]
    public void An_unknown_name_is_bad_input_naming_the_option_and_the_choices(string name)
    {
        Assert.False(EnumNames.TryParse<ModelKind>(name, out _));
        var error = Assert.Throws<BadInputException>(() => ModelKinds.Parse(name, "--model"));
        Assert.Equal($"--model: unknown model '{name}'; expected one of mlp, cnn, resnet, vae, gpt", error.Message);
    }

    [Fact]
    public void Only_the_vae_and_the_gpt_are_not_classifiers_and_only_the_gpt_reads_tokens()
    {
        Assert.Equal([ModelKind.Vae, ModelKind.Gpt], EnumNames.All<ModelKind>().Where(k => !k.IsClassifier()));
        Assert.Equal([ModelKind.Gpt], EnumNames.All<ModelKind>().Where(k => k.IsLanguageModel()));
    }

    [Fact]
    public void The_image_factory_refuses_the_gpt() =>
        Assert.Throws<ArgumentException>(() => ModelFactory.Create(ModelKind.Gpt));
}
