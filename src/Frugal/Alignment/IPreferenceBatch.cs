using Frugal.Models;

namespace Frugal.Alignment;

/// <summary>Preference pairs laid out so that one forward of a model scores both answers of every pair.</summary>
public interface IPreferenceBatch : IDisposable
{
    /// <summary>Pairs in the batch: B.</summary>
    int Pairs { get; }

    /// <summary>One forward (gradients as the caller set them): the chosen answers' scores and the rejected answers', (B) each, in pair order.</summary>
    (SequenceScores Chosen, SequenceScores Rejected) Score(Gpt model);
}
