using System.Text.Json;
using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>
/// A language-model run's checkpoint, laid out as <see cref="Checkpoint"/>'s: one file (run identity, state,
/// torch RNG, model, optimizer) written to a temporary name and renamed, so a kill at any moment leaves the
/// previous checkpoint or the new one. The run identity (its options and data) must match on resume.
/// </summary>
public static class CausalLmCheckpoint
{
    public const string FileName = "checkpoint.bin";
    private const string Magic = "frugal-lm-checkpoint-1";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static void Save(string directory, string identity, CausalLmState state, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        Directory.CreateDirectory(directory);
        var path = PathIn(directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temporary))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(Magic);
                writer.Write(identity);
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
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Restores model, optimizer and RNG from the directory's checkpoint; null when there is none.</summary>
    public static CausalLmState? Load(string directory, string identity, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        var path = PathIn(directory);
        if (!File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            if (reader.ReadString() != Magic) throw new BadInputException($"{path}: not a Frugal language-model checkpoint");
            if (reader.ReadString() != identity)
                throw new BadInputException($"{path}: written by a run with other options or data; resume with the same ones, or start again with --overwrite");
            var state = JsonSerializer.Deserialize<CausalLmState>(reader.ReadString(), FrugalJson.Options)
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
            throw new BadInputException($"{path}: truncated checkpoint; start again with --overwrite");
        }
    }
}
