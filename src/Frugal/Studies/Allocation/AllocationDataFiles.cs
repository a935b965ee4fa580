using Frugal.Data.Tasks;
using Frugal.Schedules;

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

    public static Func<TaskKind, int, AllocationData> Prepare(AllocationStudySpec spec, string directory)
    {
        Directory.CreateDirectory(directory);
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
        return (task, seed) => files[(task, seed)];
    }
}
