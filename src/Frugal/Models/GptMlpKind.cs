using System.ComponentModel;

namespace Frugal.Models;

/// <summary>The feed-forward half of a GPT block; the descriptions are the names in config files and options.</summary>
public enum GptMlpKind
{
    /// <summary>Linear(C, rC) -> GELU -> Linear(rC, C), as in GPT-2.</summary>
    [Description("gelu")] Gelu,

    /// <summary>
    /// Linear(C, 2H) split into gate and value, silu(gate) * value, Linear(H, C) ("GLU Variants Improve
    /// Transformer", Shazeer 2020), with H about 2/3 of rC so the parameter count matches GELU's.
    /// </summary>
    [Description("swiglu")] SwiGlu,
}
