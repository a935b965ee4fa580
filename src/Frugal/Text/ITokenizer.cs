namespace Frugal.Text;

/// <summary>Turns text into token ids and back; ids run from 0 to <see cref="VocabSize"/> - 1.</summary>
public interface ITokenizer
{
    /// <summary>The name recorded in a model directory's config.json and tokenizer.json, e.g. "byte".</summary>
    string Kind { get; }

    /// <summary>Every id the model must have an embedding for, special tokens included.</summary>
    int VocabSize { get; }

    int Bos { get; }

    int Eos { get; }

    int Pad { get; }

    int SpecialId(SpecialToken token);

    /// <summary>Encodes text only: the result never holds a special id, whatever the text says.</summary>
    int[] Encode(string text);

    /// <summary>
    /// Special ids become their written forms (or nothing when <paramref name="skipSpecial"/>); bytes that are
    /// not valid UTF-8 become U+FFFD rather than an error, because a model may sample any sequence.
    /// </summary>
    string Decode(ReadOnlySpan<int> ids, bool skipSpecial = false);
}
