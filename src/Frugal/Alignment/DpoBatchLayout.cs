using System.ComponentModel;
using Frugal.Text;

namespace Frugal.Alignment;

/// <summary>How a step lays preference pairs out for the forward; every layout gives the same scores within float rounding.</summary>
public enum DpoBatchLayout
{
    /// <summary>One row a pair, prompt ++ chosen ++ rejected: the prompt is computed once for both answers (<see cref="SharedPromptBatch"/>).</summary>
    [Description("shared-prompt")] SharedPrompt,

    /// <summary>TRL's concatenated_forward: 2B rows [chosen; rejected], each prompt ++ answer (<see cref="DpoBatch"/>).</summary>
    [Description("concatenated")] Concatenated,
}

public static class DpoBatchLayouts
{
    public static IPreferenceBatch Build(this DpoBatchLayout layout, IReadOnlyList<PreferenceTokens> pairs, int padId) => layout switch
    {
        DpoBatchLayout.SharedPrompt => SharedPromptBatch.Create(pairs, padId),
        DpoBatchLayout.Concatenated => DpoBatch.Concatenate(pairs, padId),
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, null),
    };
}
