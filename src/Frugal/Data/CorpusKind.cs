using System.ComponentModel;

namespace Frugal.Data;

/// <summary>The general-text generators of `frugal lm corpus`; the descriptions are the names users type.</summary>
public enum CorpusKind
{
    /// <summary>Equations with their results, as symbols and as sentences.</summary>
    [Description("arithmetic")] Arithmetic,

    /// <summary>Templated sentences about generated places and people whose facts stay the same in every document.</summary>
    [Description("facts")] Facts,

    /// <summary>Short ordered lists: counting by a step, letters, weekdays, months.</summary>
    [Description("lists")] Lists,
}
