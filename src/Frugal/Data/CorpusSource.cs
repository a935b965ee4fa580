namespace Frugal.Data;

/// <summary>
/// One kind of generated text. A document is a few non-blank lines (blank lines separate documents in a
/// corpus file); it must depend only on the random stream it is given, so a corpus is a pure function of its seed.
/// </summary>
public interface ICorpusSource
{
    string Document(CorpusRandom random);
}
