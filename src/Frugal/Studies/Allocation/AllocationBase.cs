using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frugal.Data;
using Frugal.Data.Tasks;
using Frugal.Schedules;
using Frugal.Models;
using Frugal.Training;

namespace Frugal.Studies.Allocation;

/// <summary>
/// The base model every cell of an allocation study starts from: pretrained (REX) on the raw text of every
/// task plus general generated text, never on a response format (the paper fine-tunes a pretrained base; here
/// the base must first learn the tasks' facts and arithmetic, issue 5 "Calibrate before you sweep").
/// Trained once per configuration and cached under a hash of it, so every cell, study and worker reuses it.
/// </summary>
public sealed record AllocationBase
{
    public GptPreset Preset { get; init; } = GptPreset.OneMillion;

    /// <summary>
    /// 3,000 steps with 4 drills a problem completed 69% of drills (issue 5 asks 90%); 6,000 with 16 completed
    /// 84.5% at the start of a sequence and 100% after a line of text (docs/allocation-quick).
    /// </summary>
    public int Steps { get; init; } = 6000;

    public int BatchSize { get; init; } = 16;

    /// <summary>A 1M-parameter model tolerates twice nanoGPT's 1e-3 for small character-level models.</summary>
    public double Lr { get; init; } = 2e-3;

    /// <summary>Raw documents of each task; the math task's skill (arithmetic) needs the most.</summary>
    public IReadOnlyDictionary<TaskKind, int> RawDocuments { get; init; } = new Dictionary<TaskKind, int>
    {
        [TaskKind.Math] = 20000,
        [TaskKind.Instruct] = 2000,
        [TaskKind.Summarize] = 2000,
        [TaskKind.Helpful] = 2000,
    };

    /// <summary>Documents of `frugal lm corpus`'s general text (equations, sentences about a generated world).</summary>
    public int GeneralDocuments { get; init; } = 5000;

    public int Seed { get; init; }

    public const string MarkerFile = "base.json";

    /// <summary>Twelve hex digits of SHA-256 over the configuration's JSON: the cache directory's name.</summary>
    public string Hash() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, FrugalJson.Options))))[..12].ToLowerInvariant();

    public string Directory(string cacheRoot) => Path.Combine(cacheRoot, $"base-{Hash()}");

    public static bool IsReady(string directory) => File.Exists(Path.Combine(directory, MarkerFile));

    /// <summary>
    /// Pretrains the base into its cache directory unless it is there already; a run cut short resumes from its
    /// checkpoint. The marker file is written last, so a directory without it is never mistaken for a finished base.
    /// </summary>
    public string Ensure(string cacheRoot, Action<string> note, Action<LmLogEntry>? onLog = null, CancellationToken cancellation = default)
    {
        var directory = Directory(cacheRoot);
        if (IsReady(directory)) return directory;
        var corpus = Path.Combine(directory, "corpus");
        System.IO.Directory.CreateDirectory(corpus);
        var files = new List<string>();
        var general = Path.Combine(corpus, "general.txt");
        if (!File.Exists(general))
            CorpusGenerator.Write(general, CorpusGenerator.Documents(GeneralDocuments, Seed));
        files.Add(general);
        foreach (var (task, count) in RawDocuments.Where(r => r.Value > 0).OrderBy(r => r.Key))
        {
            var path = Path.Combine(corpus, $"{task.Name()}-raw.jsonl");
            if (!File.Exists(path)) TaskData.Write(task.Create(), TaskDataKind.Raw, count, Seed, path, overwrite: true);
            files.Add(path);
        }

        var config = new PretrainConfig
        {
            Corpus = files,
            Preset = Preset,
            BatchSize = BatchSize,
            FullSteps = Steps,
            Lr = Lr,
            Seed = Seed,
            LoggingSteps = 50,
            CheckpointEvery = 100,
        };
        var plan = Pretrainer.Prepare(config);
        note($"base model {Path.GetFileName(directory)}: pretraining {Preset.Name()} for {Steps} steps on {files.Count} corpus files ({plan.Data.TrainTokens:N0} tokens)");
        var result = Pretrainer.Run(plan, directory, resume: true, onLog, cancellation);
        if (result.Run.IsDiverged) throw new InvalidOperationException($"the base model diverged at step {result.Run.DivergedAtStep}; lower its learning rate");
        AtomicFile.Write(Path.Combine(directory, MarkerFile), temporary => File.WriteAllText(temporary, JsonSerializer.Serialize(new
        {
            config = this,
            val_loss = result.ValidationLoss,
            steps = result.Run.Steps,
            seconds = result.Run.Seconds,
        }, FrugalJson.Options)), overwrite: true);
        return directory;
    }
}
