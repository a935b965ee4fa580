using System.Globalization;
using Frugal.Data;
using Frugal.Text;

namespace Frugal.Training;

/// <summary>
/// A generated pretraining corpus as a trial's <see cref="TrainConfig.Data"/> spells it, <c>generated:DOCS:SEED</c>:
/// the first DOCS documents <see cref="CorpusGenerator"/> makes from SEED (every kind mixed), built in memory, so
/// every trial of a study sees the same text without a file. <see cref="ToString"/> gives that text back.
/// </summary>
public sealed record GeneratedCorpus(int Documents, int Seed)
{
    public const string Prefix = "generated";

    /// <summary>Held out for validation (plateau, learning-rate selection) and again for the reported test loss.</summary>
    public const double HeldOutFraction = 0.1;

    public static bool IsNamedBy(string data) => data.StartsWith(Prefix + ":", StringComparison.Ordinal);

    public static GeneratedCorpus Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || parts[0] != Prefix
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var documents) || documents < 10
            || !int.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
            throw new BadInputException($"data '{text}': expected {Prefix}:DOCS:SEED with DOCS >= 10 documents and an integer SEED");
        return new GeneratedCorpus(documents, seed);
    }

    public override string ToString() => FormattableString.Invariant($"{Prefix}:{Documents}:{Seed}");

    // A study runs many trials of one corpus in a process; generating and packing it again each time would waste seconds.
    private static readonly Dictionary<(GeneratedCorpus, int), GptTrialData> Cache = [];
    private static readonly Lock CacheLock = new();

    /// <summary>
    /// Documents split by the corpus seed into train, validation and test (<see cref="HeldOutFraction"/> each of the
    /// last two), each part packed into blocks of <paramref name="context"/> + 1 byte-level ids.
    /// </summary>
    public GptTrialData Load(int context)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue((this, context), out var cached)) return cached;
            var documents = CorpusGenerator.Documents(Documents, Seed).ToList();
            var (train, heldOut) = PretrainCorpus.Split(documents, 2 * HeldOutFraction, Seed);
            var (validation, test) = PretrainCorpus.Split(heldOut, 0.5, Seed);
            var data = new GptTrialData(Blocks(train, context), Blocks(validation, context), Blocks(test, context));
            if (data.Train.Count == 0 || data.Validation.Count == 0 || data.Test.Count == 0)
                throw new BadInputException($"data '{this}': too few documents to pack one sequence of {context} + 1 tokens in each of train, validation and test; use more documents or a shorter context");
            return Cache[(this, context)] = data;
        }
    }

    private static List<SftTokens> Blocks(IEnumerable<string> documents, int context) =>
        [.. Packing.Pack(documents, ByteTokenizer.Instance, context).Select(block => new SftTokens(block, AllTrue(block.Length), 0))];

    private static bool[] AllTrue(int length)
    {
        var mask = new bool[length];
        Array.Fill(mask, true);
        return mask;
    }
}
