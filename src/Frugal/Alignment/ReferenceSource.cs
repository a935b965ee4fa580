using System.ComponentModel;

namespace Frugal.Alignment;

/// <summary>Where a run's reference log-probabilities came from, as the CLI reports it.</summary>
public enum ReferenceSource
{
    /// <summary>Every pair carried ref_chosen_logps and ref_rejected_logps.</summary>
    [Description("data")] Data,

    /// <summary>A cache file written by an earlier run with the same reference, tokenizer, max length and data.</summary>
    [Description("cache")] Cache,

    /// <summary>Computed now with the reference model (and cached, when the folder is writable).</summary>
    [Description("computed")] Computed,
}
