using System.ComponentModel;

namespace Frugal.Data.Tasks;

/// <summary>The mistakes a rejected math answer makes; each leaves the format intact and the final answer wrong.</summary>
public enum MathSlip
{
    /// <summary>One step's result is off by a little, and later steps carry the error on.</summary>
    [Description("wrong-step")] WrongStep,

    /// <summary>A forgotten carry or borrow: one step's result is off by ten, carried on.</summary>
    [Description("wrong-carry")] WrongCarry,

    /// <summary>Every step right, but the final line states another number (often an earlier result).</summary>
    [Description("wrong-final-line")] WrongFinalLine,
}
