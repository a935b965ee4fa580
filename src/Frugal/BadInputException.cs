namespace Frugal;

/// <summary>
/// Input the user can fix (a file, a line, an option); the CLI reports the message as one line with
/// exit code 2. The message names what was wrong and what was expected.
/// </summary>
public sealed class BadInputException(string message) : Exception(message);
