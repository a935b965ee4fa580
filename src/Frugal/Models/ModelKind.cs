using System.ComponentModel;
using System.Reflection;

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
    public static IReadOnlyList<ModelKind> All { get; } = Enum.GetValues<ModelKind>();

    public static string Name(this ModelKind kind) =>
        typeof(ModelKind).GetField(kind.ToString())!.GetCustomAttribute<DescriptionAttribute>()!.Description;

    public static bool TryParse(string name, out ModelKind kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(k.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <param name="option">Where the name came from (an option or a config field), for the error message.</param>
    public static ModelKind Parse(string name, string option = "--model") =>
        TryParse(name, out var kind)
            ? kind
            : throw new BadInputException($"{option}: unknown model '{name}'; expected one of {NameList}");

    public static string NameList => string.Join(", ", All.Select(Name));

    /// <summary>
    /// Classifiers return logits (B, classes) and are trained with cross-entropy; the VAE returns its
    /// own loss, the per-example negative ELBO (B).
    /// </summary>
    public static bool IsClassifier(this ModelKind kind) => kind != ModelKind.Vae;
}
