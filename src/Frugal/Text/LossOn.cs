using System.ComponentModel;

namespace Frugal.Text;

/// <summary>Which SFT tokens the loss counts (<c>--loss-on</c>); the descriptions are the names users type.</summary>
public enum LossOn
{
    /// <summary>Only the completion and its closing token: TRL's default for prompt-completion data (completion_only_loss).</summary>
    [Description("completion")] Completion,

    /// <summary>Every token after the first, prompt included.</summary>
    [Description("all")] All,
}
