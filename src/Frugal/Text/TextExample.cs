namespace Frugal.Text;

/// <summary>A language-modelling document, TRL's {"text"}: pretraining data, packed into fixed-length blocks.</summary>
public sealed record TextExample(string Text);
