using System.ComponentModel;

namespace Frugal.Text;

/// <summary>
/// The special tokens every Frugal tokenizer reserves; the descriptions are their written forms. A tokenizer
/// gives each one id, and text is never encoded into these ids: only code places them (the chat template,
/// packing), so a user who types "&lt;|user|&gt;" gets bytes, not a role marker.
/// </summary>
public enum SpecialToken
{
    [Description("<|bos|>")] Bos,
    [Description("<|eos|>")] Eos,
    [Description("<|pad|>")] Pad,
    [Description("<|user|>")] User,
    [Description("<|assistant|>")] Assistant,
    [Description("<|system|>")] System,
    [Description("<|end|>")] End,
}
