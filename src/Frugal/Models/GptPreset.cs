using System.ComponentModel;

namespace Frugal.Models;

/// <summary>
/// Named GPT sizes; the description is the name users type, the number in it the rough parameter count
/// at the byte-level vocabulary (<see cref="GptConfig.Preset(GptPreset)"/> states the exact sizes).
/// </summary>
public enum GptPreset
{
    [Description("tiny")] Tiny,
    [Description("1m")] OneMillion,
    [Description("5m")] FiveMillion,
    [Description("20m")] TwentyMillion,
    [Description("50m")] FiftyMillion,
}
