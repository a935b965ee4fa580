using System.ComponentModel;

namespace Frugal.Training;

/// <summary>The optimizers of the REX study (SGD with momentum and Adam in every setting), plus AdamW.</summary>
public enum OptimizerKind
{
    [Description("sgdm")] Sgdm,
    [Description("adam")] Adam,
    [Description("adamw")] AdamW,
}
