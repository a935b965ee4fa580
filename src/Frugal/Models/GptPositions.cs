using System.ComponentModel;

namespace Frugal.Models;

/// <summary>How the GPT knows where a token stands; the descriptions are the names in config files and options.</summary>
public enum GptPositions
{
    /// <summary>A learned vector per absolute position added to the token embedding (GPT-2).</summary>
    [Description("learned")] Learned,

    /// <summary>Queries and keys rotated by an angle proportional to their position (RoFormer, Su et al. 2021).</summary>
    [Description("rotary")] Rotary,
}
