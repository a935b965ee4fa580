using Frugal.Schedules;
using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>Where a run stands between steps: enough, with the model and optimizer, to continue bit for bit.</summary>
public sealed record TrainerState(
    int StepsDone,
    double EpochLossSum,
    int EpochBatches,
    double Seconds,
    PlateauState? Plateau,
    IReadOnlyList<EpochMetrics> History);

/// <summary>
/// One file holds a whole checkpoint (config, trainer state, torch RNG state, model, optimizer) in
/// <see cref="CheckpointFile"/>'s layout, written atomically: a kill at any moment leaves either the previous
/// checkpoint or the new one, never half of each.
/// </summary>
public static class Checkpoint
{
    public const string FileName = "checkpoint.bin";
    private const string Magic = "frugal-checkpoint-1";

    private static readonly CheckpointFile.Messages Problems = new(
        "not a Frugal checkpoint",
        "written by a different run configuration; use another --checkpoint directory or the same options",
        "truncated checkpoint");

    public static string PathIn(string directory) => System.IO.Path.Combine(directory, FileName);

    public static void Save(string directory, string configJson, TrainerState state, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer) =>
        CheckpointFile.Save(PathIn(directory), Magic, configJson, state, model, optimizer);

    /// <summary>Restores model, optimizer and RNG from the directory's checkpoint; null when there is none.</summary>
    public static TrainerState? Load(string directory, string configJson, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer) =>
        CheckpointFile.Load<TrainerState>(PathIn(directory), Magic, configJson, model, optimizer, Problems);
}
