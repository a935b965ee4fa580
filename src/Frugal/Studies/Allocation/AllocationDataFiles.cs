using Frugal.Data.Tasks;
using Frugal.Evaluation;
using Frugal.Schedules;
using Frugal.Text;

namespace Frugal.Studies.Allocation;

/// <summary>
/// Writes a study's generated data once, under the study's directory, and names the files by task, kind, seed and
/// count, so a changed spec writes new files instead of reusing short ones. Pools differ per seed (the paper's
/// seeds resample the data); the validation and evaluation problems are the same for every seed and cell.
/// </summary>
public static class AllocationDataFiles
{
    // Separate generator seeds per role: a pool, a validation set and the evaluation set never share a stream.
    private const int ValidationSeed = 1000;
    private const int EvalSeed = 2000;

    public static Func<TaskKind?, int, AllocationData> Prepare(AllocationStudySpec spec, string directory)
    {
        Directory.CreateDirectory(directory);
        if (spec.Custom is { } custom)
        {
            var data = Split(custom, spec, directory);
            return (_, _) => data;
        }
        var (sftPool, prefPool) = spec.PoolSizes();
        var files = new Dictionary<(TaskKind, int), AllocationData>();
        foreach (var kind in spec.Tasks)
        {
            var task = kind.Create();
            string File(TaskDataKind data, int seed, int count)
            {
                var path = Path.Combine(directory, $"{kind.Name()}-{data.Name()}-s{seed}-n{count}.jsonl");
                if (!System.IO.File.Exists(path)) TaskData.Write(task, data, count, seed, path, overwrite: true);
                return Path.GetFullPath(path);
            }
            for (var seed = 0; seed < spec.Seeds; seed++)
            {
                files[(kind, seed)] = new AllocationData(
                    SftPool: File(TaskDataKind.Sft, seed, sftPool),
                    PrefPool: File(TaskDataKind.Preference, seed, prefPool),
                    SftValidation: File(TaskDataKind.Sft, ValidationSeed, spec.ValidationProblems),
                    PrefValidation: File(TaskDataKind.Preference, ValidationSeed, spec.ValidationProblems),
                    Validation: File(TaskDataKind.Eval, ValidationSeed, spec.ValidationProblems),
                    Eval: File(TaskDataKind.Eval, EvalSeed, spec.EvalProblems));
            }
        }
        return (task, seed) => files[(task!.Value, seed)];
    }

    /// <summary>
    /// Checks the user's files record by record (bad input names file and line), then holds the last
    /// <see cref="AllocationStudySpec.ValidationProblems"/> demonstrations and pairs out of training for validation,
    /// and the first that many evaluation problems out of the evaluation for ranking DPO's candidates.
    /// Every cell uses the same data: seeds reseed training only.
    /// </summary>
    private static AllocationData Split(AllocationCustomData custom, AllocationStudySpec spec, string directory)
    {
        var held = spec.ValidationProblems;
        var (sftNeed, prefNeed) = spec.PoolSizes();
        var sft = Lines(custom.SftData, "--sft-data", sftNeed, held, path => JsonlReader.ReadSft(path).Count());
        var pref = Lines(custom.PrefData, "--pref-data", prefNeed, held, path => JsonlReader.ReadPreference(path).Count());
        var verifier = Verifiers.Create(custom.Verifier);
        var eval = Lines(custom.EvalData, "--eval-data", 1, held, path =>
        {
            var records = EvalData.Read(path);
            foreach (var record in records)
                if (verifier.Check(record) is { } problem) throw new BadInputException($"--eval-data {record.Where}: {problem}");
            return records.Count;
        });
        string Write(string name, IEnumerable<string> lines)
        {
            var path = Path.GetFullPath(Path.Combine(directory, name));
            AtomicFile.Write(path, temporary => File.WriteAllLines(temporary, lines), overwrite: true);
            return path;
        }
        return new AllocationData(
            SftPool: Write("custom-sft-train.jsonl", sft[..^held]),
            PrefPool: Write("custom-pref-train.jsonl", pref[..^held]),
            SftValidation: Write("custom-sft-validation.jsonl", sft[^held..]),
            PrefValidation: Write("custom-pref-validation.jsonl", pref[^held..]),
            Validation: Write("custom-validation.jsonl", eval[..held]),
            Eval: Write("custom-eval.jsonl", eval[held..]));
    }

    /// <summary>The file's non-empty lines after <paramref name="parse"/> accepted every record; too few is bad input.</summary>
    private static string[] Lines(string path, string option, int share, int held, Func<string, int> parse)
    {
        if (!File.Exists(path)) throw new BadInputException($"{option} {path}: no such file");
        var records = parse(path);
        var lines = File.ReadLines(path).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length != records) throw new BadInputException($"{option} {path}: {lines.Length} non-empty lines but {records} records");
        if (lines.Length < share + held)
            throw new BadInputException($"{option} {path}: holds {lines.Length} records, but the grid needs {share + held}: {share} for its largest cell and {held} held out for validation; lower --budgets or bring more data");
        return lines;
    }
}
