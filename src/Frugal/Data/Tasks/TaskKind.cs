using System.ComponentModel;

namespace Frugal.Data.Tasks;

/// <summary>
/// The four tasks of the allocation study, each an analog of one of "Balancing the Budget"'s (Raghavendra et
/// al., ACL 2025): the descriptions are the names users type.
/// </summary>
public enum TaskKind
{
    /// <summary>GSM8k analog: word problems solved step by step, scored by the exact final answer.</summary>
    [Description("math")] Math,

    /// <summary>IFEval analog: prompts with constraints a checker verifies one by one.</summary>
    [Description("instruct")] Instruct,

    /// <summary>TL;DR analog: summaries judged against the reference by facts, errors and length.</summary>
    [Description("summarize")] Summarize,

    /// <summary>Helpfulness analog: questions about a small table or paragraph, judged against the reference.</summary>
    [Description("helpful")] Helpful,
}

public static class TaskKinds
{
    /// <summary>The generator and verifier of a task with its default difficulty.</summary>
    public static ITask Create(this TaskKind kind) => kind switch
    {
        TaskKind.Math => new MathTask(),
        TaskKind.Instruct => new InstructTask(),
        TaskKind.Summarize => new SummarizeTask(),
        TaskKind.Helpful => new HelpfulTask(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
