using System.ComponentModel;
using Frugal.Schedules;

namespace Frugal.Models;

/// <summary>Every model Frugal trains on images; the descriptions are the names users type.</summary>
public enum ModelKind
{
    [Description("mlp")] Mlp,
    [Description("cnn")] Cnn,
    [Description("resnet")] ResNet,
    [Description("vae")] Vae,
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
    public static bool IsClassifier(this ModelKind kind) => kind != ModelKind.Vae;
}
