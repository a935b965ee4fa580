using System.Text.Json;
using static TorchSharp.torch;

namespace Frugal.Training;

/// <summary>
/// The layout both checkpoints share: one file holding a magic string, the run's identity (its config or
/// options and data), the trainer's state as JSON, torch's RNG state, the model and the optimizer. Written
/// through <see cref="AtomicFile"/>, so a kill at any moment leaves the previous checkpoint or the new one.
/// </summary>
internal static class CheckpointFile
{
    /// <summary>The one-line problems a load reports, each after the file's path.</summary>
    public sealed record Messages(string NotACheckpoint, string OtherRun, string Truncated);

    public static void Save<TState>(string path, string magic, string identity, TState state, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
        AtomicFile.Write(path, temporary =>
        {
            using var stream = File.Create(temporary);
            using var writer = new BinaryWriter(stream);
            writer.Write(magic);
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
        });
    }

    /// <summary>Restores model, optimizer and RNG from the file; null when there is none.</summary>
    public static TState? Load<TState>(string path, string magic, string identity, nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, Messages messages)
        where TState : class
    {
        if (!File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            if (reader.ReadString() != magic) throw new BadInputException($"{path}: {messages.NotACheckpoint}");
            if (reader.ReadString() != identity) throw new BadInputException($"{path}: {messages.OtherRun}");
            var state = JsonSerializer.Deserialize<TState>(reader.ReadString(), FrugalJson.Options)
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
            throw new BadInputException($"{path}: {messages.Truncated}");
        }
    }
}
