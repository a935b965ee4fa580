using System.ComponentModel;

namespace Frugal.Data.Tasks;

/// <summary>What `frugal tasks make` writes; each is one of TRL's JSON Lines formats.</summary>
public enum TaskDataKind
{
    /// <summary>Pretraining text {"text"}: the task's content in plain form, never its response format.</summary>
    [Description("raw")] Raw,

    /// <summary>Demonstrations {"prompt","completion"}.</summary>
    [Description("sft")] Sft,

    /// <summary>Preference pairs {"prompt","chosen","rejected"} (plus "slip", the kind of mistake in the rejected answer).</summary>
    [Description("pref")] Preference,

    /// <summary>Held-out problems {"prompt","completion"} (the reference) plus the fields the task's verifier reads.</summary>
    [Description("eval")] Eval,
}
