using System.Text.Json.Serialization;

namespace Frugal.Training;

/// <summary>Metrics at the end of an epoch (or of the budget, when it ends mid-epoch).</summary>
public sealed record EpochMetrics(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("train_loss")] double TrainLoss,
    [property: JsonPropertyName("val_loss")] double ValLoss,
    [property: JsonPropertyName("val_error")] double? ValError,
    [property: JsonPropertyName("lr")] double Lr);

/// <summary>
/// What a run produced. Errors are percentages (like the REX paper's tables); the VAE has no error,
/// its loss is the negative ELBO in nats per example.
/// </summary>
public sealed record TrainResult(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("test_error")] double? TestError,
    [property: JsonPropertyName("test_loss")] double? TestLoss,
    [property: JsonPropertyName("epochs")] double Epochs,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("samples_per_second")] double SamplesPerSecond,
    [property: JsonPropertyName("diverged_at_step")] int? DivergedAtStep,
    [property: JsonPropertyName("history")] IReadOnlyList<EpochMetrics> History)
{
    public const string Done = "done";
    public const string Diverged = "diverged";

    public bool IsDiverged => Status == Diverged;
}
