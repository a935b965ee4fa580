using System.ComponentModel;

namespace Frugal.Models;

/// <summary>The normalisation before attention, before the MLP and before the output head.</summary>
public enum GptNormKind
{
    /// <summary>Centre and scale, with a learned gain and bias (Ba et al. 2016).</summary>
    [Description("layernorm")] LayerNorm,

    /// <summary>Scale by the root mean square only, with a learned gain ("Root Mean Square Layer Normalization", Zhang and Sennrich 2019).</summary>
    [Description("rmsnorm")] RmsNorm,
}
