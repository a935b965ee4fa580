namespace Frugal.Data;

/// <summary>
/// Train, validation and test sets. Validation is carved from the training files and is what a study
/// selects on; the test files are only reported, so they never steer a choice.
/// </summary>
public sealed record DataSplit(ImageSet Train, ImageSet Validation, ImageSet Test)
{
    private const ulong Purpose = 0x53706C6974000000; // "Split"

    /// <summary>
    /// Holds out round(<paramref name="validationFraction"/> x train.Count) random training examples, chosen by
    /// <paramref name="splitSeed"/> alone so that every trial of a study validates on the same examples.
    /// Both parts keep the files' order.
    /// </summary>
    public static DataSplit Create(ImageSet train, ImageSet test, double validationFraction = 0.1, int splitSeed = 0)
    {
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "a fraction in [0, 1)");
        var held = (int)Math.Round(validationFraction * train.Count);
        if (held >= train.Count)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, $"leaves none of {train.Count} examples to train on");
        var order = SplitMix64.For(Purpose, splitSeed, 0).Permutation(train.Count);
        var validation = order[..held];
        var rest = order[held..];
        Array.Sort(validation);
        Array.Sort(rest);
        return new DataSplit(train.Subset(rest), train.Subset(validation), test);
    }
}
