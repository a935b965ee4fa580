using System.Diagnostics;
using System.Text.Json;
using Frugal.Alignment;
using Frugal.Data.Tasks;
using Frugal.Evaluation;
using Frugal.Schedules;
using Frugal.Text;
using Frugal.Training;
using static TorchSharp.torch;

namespace Frugal.Studies.Allocation;

/// <summary>A finished cell: its result and the series the report plots (DPO's log-probabilities over steps).</summary>
public sealed record AllocationOutcome(AllocationTrialResult Result, IReadOnlyDictionary<string, IReadOnlyList<(int Step, double Value)>> Series);

/// <summary>
/// Runs one cell as the paper does: SFT on the first n_sft demonstrations from the base model, then DPO on the
/// first n_pref pairs from the SFT model with the SFT model as reference (from the base when r = 0; no DPO when
/// r = 1), then generation on the evaluation problems. Each stage tries its candidate learning rates (and betas)
/// and keeps the best on validation data; a candidate that finished is not trained again when a killed trial reruns.
/// </summary>
public static class AllocationTrial
{
    private const string CandidateFile = "candidate.json";

    /// <summary>DPO's own series, as TRL names them, stored per cell for the report's collapse plot.</summary>
    public static IReadOnlyList<string> DpoSeries { get; } = [DpoMetrics.LogpsChosen, DpoMetrics.LogpsRejected, DpoMetrics.RewardsAccuracies, DpoMetrics.Loss];

    public static AllocationOutcome Run(AllocationTrialConfig config, string work, int threads, Action<string> note, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        if (threads > 0) set_num_threads(threads);
        Directory.CreateDirectory(work);
        var verifier = Verifiers.Create(config.Verifier);
        var split = config.Split;
        var result = new AllocationTrialResult
        {
            Task = config.Label,
            Budget = config.Budget,
            SftRatio = config.SftRatio,
            Seed = config.Seed,
            IsBase = config.IsBase,
            NSft = split.Sft,
            NPref = split.Pref,
        };
        var series = new Dictionary<string, IReadOnlyList<(int, double)>>();

        var model = config.BaseModel;
        if (split.Sft > 0)
        {
            var data = FirstLines(config.Data.SftPool, split.Sft, Path.Combine(work, "sft.jsonl"));
            var sft = Sft(config, data, work, note, cancellation);
            result = result with { SftLr = sft.Lr, SftSteps = sft.Steps, SftValLoss = sft.Score };
            series["sft/loss"] = sft.Loss;
            if (sft.Directory is null) return Finish(result with { Status = AllocationTrialResult.Diverged, DivergedIn = "sft" });
            model = sft.Directory;
        }

        var (chosen, rejected) = StartLogps(model, config.Data.PrefValidation);
        result = result with { StartChosenLogp = chosen, StartRejectedLogp = rejected };

        if (split.Pref > 0)
        {
            var data = FirstLines(config.Data.PrefPool, split.Pref, Path.Combine(work, "pref.jsonl"));
            var dpo = Dpo(config, verifier, model, data, work, threads, note, cancellation);
            if (dpo.Directory is null) return Finish(result with { Status = AllocationTrialResult.Diverged, DivergedIn = "dpo" });
            result = result with { DpoLr = dpo.Lr, DpoBeta = dpo.Beta, DpoSteps = dpo.Steps, DpoFinal = dpo.Final };
            foreach (var (name, points) in dpo.Series) series[$"dpo/{name}"] = points;
            model = dpo.Directory;
        }

        using (var language = LanguageModel.Load(model))
        {
            var eval = Score(language, verifier, config.Data.Eval, config.MaxNewTokens, threads, cancellation);
            result = result with
            {
                Metric = eval.Metric,
                MetricLow = eval.Low,
                MetricHigh = eval.High,
                EvalProblems = eval.Count,
                FormatRate = eval.FormatRate,
                ResponseTokens = eval.ResponseTokens,
                Samples = eval.Samples,
            };
            if (config.IsBase && verifier is TaskVerifier { Task: MathTask math })
                result = result with { Skill = MathSkillProbe.Run(language, math, [.. TaskData.ReadEval(config.Data.Validation, math)], 200, config.Seed) };
        }
        return Finish(result);

        AllocationOutcome Finish(AllocationTrialResult r) => new(r with { Seconds = clock.Elapsed.TotalSeconds }, series);
    }

    /// <summary>The first <paramref name="count"/> lines of a pool, so a cell's data is a prefix of any larger cell's.</summary>
    private static string FirstLines(string pool, int count, string path)
    {
        var lines = File.ReadLines(pool).Where(l => l.Length > 0).Take(count).ToList();
        if (lines.Count < count) throw new BadInputException($"{pool}: holds {lines.Count} records, but the cell needs {count}");
        AtomicFile.Write(path, temporary => File.WriteAllLines(temporary, lines), overwrite: true);
        return path;
    }

    private sealed record Stage(string? Directory, double Lr, double Beta, int Steps, double Score,
        IReadOnlyList<(int, double)> Loss, IReadOnlyDictionary<string, IReadOnlyList<(int, double)>> Series, IReadOnlyDictionary<string, double> Final);

    private sealed record CandidateRecord(bool Diverged, double Score, int Steps, IReadOnlyDictionary<string, double> Final,
        IReadOnlyDictionary<string, IReadOnlyList<double[]>> Series);

    /// <summary>SFT at each candidate rate; the lowest loss on held-out demonstrations wins.</summary>
    private static Stage Sft(AllocationTrialConfig config, string data, string work, Action<string> note, CancellationToken cancellation)
    {
        var tuning = config.Sft;
        var candidates = tuning.Lrs.Select(lr =>
        {
            var directory = Path.Combine(work, $"sft-lr{lr:R}");
            var record = Candidate(directory, () =>
            {
                var sftConfig = new SftConfig
                {
                    Model = config.BaseModel,
                    Data = data,
                    EvalData = config.Data.SftValidation,
                    Epochs = tuning.Epochs,
                    MinSteps = tuning.MinSteps,
                    Lr = lr,
                    BatchSize = tuning.BatchSize,
                    Seed = config.Seed,
                    LoggingSteps = 10,
                };
                var run = SftTrainer.Run(SftTrainer.Prepare(sftConfig, directory), directory, resume: true, cancellation: cancellation).Run;
                note($"sft lr {lr:G3}: {run.Steps} steps, eval_loss {run.LastEval?["eval_loss"]:0.0000}{(run.IsDiverged ? " (diverged)" : "")}");
                var loss = run.LogHistory.Where(e => !e.IsEval && e["loss"] is not null).Select(e => new[] { e.Step, e["loss"]!.Value }).ToList();
                return new CandidateRecord(run.IsDiverged, run.LastEval?["eval_loss"] ?? double.NaN, run.Steps,
                    new Dictionary<string, double>(), new Dictionary<string, IReadOnlyList<double[]>> { ["loss"] = loss });
            });
            return (lr, directory, record);
        }).ToList();
        // Lowest held-out loss wins; a run without one (no validation data) ranks last but still counts.
        var best = candidates.Where(c => !c.record.Diverged).OrderBy(c => double.IsNaN(c.record.Score) ? double.PositiveInfinity : c.record.Score).FirstOrDefault();
        var chosen = best.record ?? candidates[0].record;
        return new Stage(best.record is null ? null : best.directory, best.record is null ? candidates[0].lr : best.lr, 0, chosen.Steps, chosen.Score,
            Points(chosen.Series["loss"]), new Dictionary<string, IReadOnlyList<(int, double)>>(), chosen.Final);
    }

    /// <summary>DPO at each (lr, beta) candidate; with more than one, the best task metric on the validation problems wins.</summary>
    private static Stage Dpo(AllocationTrialConfig config, IVerifier verifier, string start, string data, string work, int threads,
        Action<string> note, CancellationToken cancellation)
    {
        var tuning = config.Dpo;
        var grid = tuning.Candidates().ToList();
        var candidates = grid.Select(c =>
        {
            var directory = Path.Combine(work, $"dpo-lr{c.Lr:R}-beta{c.Beta:R}");
            var record = Candidate(directory, () =>
            {
                var dpoConfig = new DpoConfig
                {
                    Loss = new DpoOptions(c.Beta),
                    Epochs = tuning.Epochs,
                    MinSteps = tuning.MinSteps,
                    Lr = c.Lr,
                    BatchSize = tuning.BatchSize,
                    Seed = config.Seed,
                    LoggingSteps = 10,
                };
                var outcome = DpoRun.Run(new DpoRunSpec(start, data, directory, dpoConfig), _ => { }, cancellation: cancellation);
                var run = outcome.Result;
                var score = double.NaN;
                if (!run.IsDiverged && grid.Count > 1)
                {
                    using var model = LanguageModel.Load(directory);
                    score = Score(model, verifier, config.Data.Validation, config.MaxNewTokens, threads, cancellation).Metric;
                }
                note($"dpo lr {c.Lr:G3} beta {c.Beta:G3}: {run.Steps} steps, logps/chosen {run.Final.GetValueOrDefault(DpoMetrics.LogpsChosen):0.00}, validation {score:0.000}{(run.IsDiverged ? " (diverged)" : "")}");
                var history = DpoSeries.ToDictionary(name => name, name => (IReadOnlyList<double[]>)run.LogHistory
                    .Where(e => e.ContainsKey(name)).Select(e => new[] { e["step"], e[name] }).ToList());
                return new CandidateRecord(run.IsDiverged, score, run.Steps, run.Final, history);
            });
            return (c, directory, record);
        }).ToList();
        var usable = candidates.Where(c => !c.record.Diverged).ToList();
        if (usable.Count == 0) return new Stage(null, grid[0].Lr, grid[0].Beta, candidates[0].record.Steps, double.NaN, [], new Dictionary<string, IReadOnlyList<(int, double)>>(), candidates[0].record.Final);
        // One candidate needs no validation score; several are ranked by it (NaN last).
        var best = usable.OrderByDescending(c => double.IsNaN(c.record.Score) ? double.NegativeInfinity : c.record.Score).First();
        return new Stage(best.directory, best.c.Lr, best.c.Beta, best.record.Steps, best.record.Score, [],
            best.record.Series.ToDictionary(s => s.Key, s => Points(s.Value)), best.record.Final);
    }

    /// <summary>Runs a candidate unless its directory already holds its record (a rerun after a kill); the record is written last.</summary>
    private static CandidateRecord Candidate(string directory, Func<CandidateRecord> train)
    {
        var path = Path.Combine(directory, CandidateFile);
        if (File.Exists(path)) return JsonSerializer.Deserialize<CandidateRecord>(File.ReadAllText(path), FrugalJson.Options)!;
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var record = train();
        Directory.CreateDirectory(directory);
        AtomicFile.Write(path, temporary => File.WriteAllText(temporary, JsonSerializer.Serialize(record, FrugalJson.Options)), overwrite: true);
        return record;
    }

    private static IReadOnlyList<(int, double)> Points(IReadOnlyList<double[]> points) => [.. points.Select(p => ((int)p[0], p[1]))];

    /// <summary>Mean per-token log-probability of the held-out chosen and rejected answers under the model.</summary>
    private static (double Chosen, double Rejected) StartLogps(string model, string pairsPath)
    {
        using var language = LanguageModel.Load(model);
        var tokens = new TrainingTokenizer(language.Tokenizer, language.Model.Config.ContextLength);
        var pairs = JsonlReader.ReadPreference(pairsPath).Select(tokens.Preference).ToList();
        var scores = ReferenceLogProbs.Compute(language.Model, pairs, language.Tokenizer.Pad, 32);
        var chosen = pairs.Select((p, i) => scores.Chosen[i] / Math.Max(1, p.Chosen.Length)).Average();
        var rejected = pairs.Select((p, i) => scores.Rejected[i] / Math.Max(1, p.Rejected.Length)).Average();
        return (chosen, rejected);
    }

    private sealed record Scored(double Metric, double Low, double High, int Count, double FormatRate, IReadOnlyList<int> ResponseTokens, IReadOnlyList<string> Samples);

    /// <summary>
    /// Greedy answers to every problem of the file. A generated task scores them itself: the pass rate of a verifiable
    /// task, the win rate against the reference (ties half) of a judged one; other verifiers give their pass rate.
    /// The Wilson interval is on the passes or wins (a tie rounds to the nearer whole count).
    /// </summary>
    private static Scored Score(LanguageModel model, IVerifier verifier, string path, int maxNewTokens, int threads, CancellationToken cancellation)
    {
        var records = EvalData.Read(path);
        var run = Evaluator.Run(model, records, verifier, new SamplingOptions { MaxNewTokens = maxNewTokens }, cancellation: cancellation,
            workers: Math.Max(1, threads), threadsPerWorker: 1);
        var (scores, formats) = verifier is TaskVerifier { Task: var task } taskVerifier
            ? TaskScores(task, [.. records.Select(taskVerifier.Item)], run)
            : (run.Items.Select(e => e.Passed ? 1.0 : 0.0).ToList(), FormatOf(verifier, records, run));
        var (low, high) = WilsonInterval.Of((int)Math.Round(scores.Sum()), scores.Count);
        return new Scored(scores.Average(), low, high, scores.Count, formats, [.. run.Items.Select(e => e.NewTokens)],
            [.. run.Items.Take(3).Select(e => e.Completion)]);
    }

    private static (List<double> Scores, double FormatRate) TaskScores(ITask task, IReadOnlyList<Data.Tasks.EvalItem> items, EvalResult run)
    {
        var verdicts = run.Items.Select((e, i) => task.Verify(items[i], e.Completion)).ToList();
        var scores = run.Items.Select((e, i) => task.IsJudged
            ? task.Judge(items[i], e.Completion, items[i].Reference) switch { Preference.A => 1.0, Preference.Tie => 0.5, _ => 0.0 }
            : verdicts[i].Passed ? 1.0 : 0.0).ToList();
        var formats = verdicts.Select(v => v.Checks.FirstOrDefault(c => c.Name == "format")).ToList();
        return (scores, formats.All(f => f is not null) ? formats.Average(f => f!.Passed ? 1.0 : 0.0) : double.NaN);
    }

    /// <summary>The "####" format rate for final-answer scoring; other verifiers have no format to check.</summary>
    private static double FormatOf(IVerifier verifier, IReadOnlyList<EvalRecord> records, EvalResult run)
    {
        if (verifier.Kind != VerifierKind.FinalAnswer) return double.NaN;
        var format = new FinalAnswerFormatVerifier();
        return run.Items.Select((e, i) => format.Score(e.Completion, records[i]).Passed ? 1.0 : 0.0).Average();
    }
}
