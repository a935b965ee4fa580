using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>
/// A language-model run's checkpoint, laid out as <see cref="Checkpoint"/>'s (<see cref="CheckpointFile"/>): run
/// identity, state, torch RNG, model, optimizer, written atomically. The run identity (its options and data)
/// must match on resume.
/// </summary>
public static class CausalLmCheckpoint
{
    public const string FileName = "checkpoint.bin";
    private const string Magic = "frugal-lm-checkpoint-1";

    private static readonly CheckpointFile.Messages Problems = new(
        "not a Frugal language-model checkpoint",
        "written by a run with other options or data; resume with the same ones, or start again with --overwrite",
        "truncated checkpoint; start again with --overwrite");

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static void Save(string directory, string identity, CausalLmState state, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer) =>
        CheckpointFile.Save(PathIn(directory), Magic, identity, state, model, optimizer);

    /// <summary>Restores model, optimizer and RNG from the directory's checkpoint; null when there is none.</summary>
    public static CausalLmState? Load(string directory, string identity, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer) =>
        CheckpointFile.Load<CausalLmState>(PathIn(directory), Magic, identity, model, optimizer, Problems);
}
