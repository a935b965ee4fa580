namespace Frugal.Data.Tasks;

/// <summary>
/// A problem as an evaluation file holds it: the prompt, the reference completion, and the task's own fields
/// (<see cref="ITask.FieldNames"/>: the answer, the constraints, the facts) as strings, so a verifier needs
/// nothing but the file.
/// </summary>
public sealed record EvalItem(string Prompt, string Reference, IReadOnlyDictionary<string, string> Fields)
{
    public string Field(string name) =>
        Fields.TryGetValue(name, out var value) ? value : throw new BadInputException($"evaluation item lacks field '{name}'");
}

/// <summary>
/// One generated problem: an evaluation item plus a rejected answer with a plausible mistake, the name of
/// that mistake (<see cref="Slip"/>) so studies can break results down by it, and <see cref="Raw"/>, a
/// pretraining document with the problem's content in plain form and never the response format.
/// </summary>
public sealed record TaskItem(EvalItem Eval, string Rejected, string Slip, string Raw)
{
    public string Prompt => Eval.Prompt;

    public string Reference => Eval.Reference;
}
