namespace Frugal.Text;

/// <summary>
/// A demonstration: the prompt the model is given and the completion it should write. Both are strings or
/// both are conversations; a conversational {"messages"} record becomes prompt = every message before the last,
/// completion = the last (assistant) message.
/// </summary>
public sealed record SftExample(Passage Prompt, Passage Completion);
