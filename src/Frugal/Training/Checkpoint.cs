using System.Text.Json;
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
/// One file holds a whole checkpoint (config, trainer state, torch RNG state, model, optimizer), written
/// to a temporary file and renamed over the old one, so a kill at any moment leaves either the previous
/// checkpoint or the new one, never half of each.
/// </summary>
public static class Checkpoint
{
    public const string FileName = "checkpoint.bin";
    private const string Magic = "frugal-checkpoint-1";

    public static string PathIn(string directory) => System.IO.Path.Combine(directory, FileName);

    public static void Save(string directory, string configJson, TrainerState state, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        Directory.CreateDirectory(directory);
        var path = PathIn(directory);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(configJson);
            writer.Write(JsonSerializer.Serialize(state, FrugalJson.Options));
            using var rng = get_rng_state();
            var rngBytes = rng.data<byte>().ToArray();
            writer.Write(rngBytes.Length);
            writer.Write(rngBytes);
            model.save(writer);
            optimizer.save_state_dict(writer);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Restores model, optimizer and RNG from the directory's checkpoint; null when there is none.</summary>
    public static TrainerState? Load(string directory, string configJson, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        var path = PathIn(directory);
        if (!File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            if (reader.ReadString() != Magic) throw new BadInputException($"{path}: not a Frugal checkpoint");
            var savedConfig = reader.ReadString();
            if (savedConfig != configJson)
                throw new BadInputException($"{path}: written by a different run configuration; use another --checkpoint directory or the same options");
            var state = JsonSerializer.Deserialize<TrainerState>(reader.ReadString(), FrugalJson.Options)
                ?? throw new BadInputException($"{path}: empty trainer state");
            var rngBytes = reader.ReadBytes(reader.ReadInt32());
            model.load(reader);
            optimizer.load_state_dict(reader);
            using var rng = tensor(rngBytes, dtype: ScalarType.Byte);
            set_rng_state(rng);
            return state;
        }
        catch (EndOfStreamException)
        {
            throw new BadInputException($"{path}: truncated checkpoint");
        }
    }
}
