using System.ComponentModel;
using Frugal.Schedules;

namespace Frugal.Models;

/// <summary>
/// Every model a budgeted trial trains: four on images, and a GPT pretrained on a generated corpus (the REX
/// study's transformer setting). The descriptions are the names users type.
/// </summary>
public enum ModelKind
{
    [Description("mlp")] Mlp,
    [Description("cnn")] Cnn,
    [Description("resnet")] ResNet,
    [Description("vae")] Vae,
    [Description("gpt")] Gpt,
}

public static class ModelKinds
{
    /// <param name="option">Where the name came from (an option or a config field), for the error message.</param>
    public static ModelKind Parse(string name, string option = "--model") =>
        EnumNames.TryParse<ModelKind>(name, out var kind)
            ? kind
            : throw new BadInputException($"{option}: unknown model '{name}'; expected one of {EnumNames.List<ModelKind>()}");

    /// <summary>
    /// Classifiers return logits (B, classes) and are trained with cross-entropy; the VAE returns its
    /// own loss, the per-example negative ELBO (B).
    /// </summary>
    public static bool IsClassifier(this ModelKind kind) => kind is ModelKind.Mlp or ModelKind.Cnn or ModelKind.ResNet;

    /// <summary>The GPT reads token ids, not images: its data is a generated corpus, not an IDX data set.</summary>
    public static bool IsLanguageModel(this ModelKind kind) => kind == ModelKind.Gpt;
}
