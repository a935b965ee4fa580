using Frugal.Data.Tasks;
using Frugal.Evaluation;
using Frugal.Schedules;

namespace Frugal.Studies.Allocation;

/// <summary>
/// The Balancing-the-Budget study as a grid: tasks x budgets x SFT ratios x seeds, plus one base-model trial per
/// task and seed (the paper's base marker). Every cell starts from the same cached base model.
/// </summary>
public sealed record AllocationStudySpec
{
    public required string Name { get; init; }
    public required IReadOnlyList<TaskKind> Tasks { get; init; }

    /// <summary>Data the user brought, studied instead of <see cref="Tasks"/>.</summary>
    public AllocationCustomData? Custom { get; init; }
    public required IReadOnlyList<double> Budgets { get; init; }
    public required IReadOnlyList<double> Ratios { get; init; }
    public double CostSft { get; init; } = 1;
    public double CostPref { get; init; } = 1;
    public int Seeds { get; init; } = 1;
    public AllocationBase Base { get; init; } = new();

    /// <summary>A model directory every cell starts from instead of pretraining <see cref="Base"/>; part of the study's identity.</summary>
    public string? BaseModel { get; init; }
    public AllocationTuning Sft { get; init; } = new();
    public AllocationTuning Dpo { get; init; } = new() { Lrs = [1e-4] };

    /// <summary>Evaluation problems per task (the issue asks for at least 500 in a real study).</summary>
    public int EvalProblems { get; init; } = 500;

    /// <summary>Held-out problems that rank DPO's candidates, and held-out demonstrations / pairs for SFT's loss and the log-probability shift.</summary>
    public int ValidationProblems { get; init; } = 100;

    public int MaxNewTokens { get; init; } = 96;

    public IEnumerable<string> Validate()
    {
        if (Tasks.Count == 0 && Custom is null) yield return "at least one task is needed";
        if (Budgets.Count == 0 || Budgets.Any(b => !(b > 0) || !double.IsFinite(b))) yield return $"--budgets must be positive numbers, got {string.Join(",", Budgets)}";
        if (Ratios.Count == 0 || Ratios.Any(r => !(r is >= 0 and <= 1))) yield return $"--ratios must be in [0, 1], got {string.Join(",", Ratios)}";
        foreach (var problem in new DataBudget(1, CostSft, CostPref).Validate()) yield return problem;
        if (Seeds < 1) yield return $"--seeds must be at least 1, got {Seeds}";
        foreach (var problem in Sft.Validate("SFT").Concat(Dpo.Validate("DPO"))) yield return problem;
        if (EvalProblems < 1 || ValidationProblems < 1) yield return "evaluation and validation sets need at least one problem";
    }

    /// <summary>The most demonstrations and pairs any cell of the grid takes: the size of the pools.</summary>
    public (int Sft, int Pref) PoolSizes()
    {
        var splits = (from b in Budgets from r in Ratios select new DataBudget(b, CostSft, CostPref).Split(r)).ToList();
        return (Math.Max(1, splits.Max(s => s.Sft)), Math.Max(1, splits.Max(s => s.Pref)));
    }

    /// <summary>What the study measures: each generated task with its checker, or the user's data with their verifier.</summary>
    public IReadOnlyList<(TaskKind? Task, VerifierKind Verifier)> Subjects() => Custom is { } custom
        ? [(null, custom.Verifier)]
        : [.. Tasks.Select(t => ((TaskKind?)t, TaskVerifier.For(t.Create()).Kind))];

    /// <summary>Every trial with its key; the same spec always gives the same keys, in the same order.</summary>
    public IEnumerable<AllocationTrialConfig> Trials(string baseModel, Func<TaskKind?, int, AllocationData> data) =>
        from subject in Subjects()
        from seed in Enumerable.Range(0, Seeds)
        let cell = new AllocationTrialConfig
        {
            Task = subject.Task,
            Verifier = subject.Verifier,
            CostSft = CostSft,
            CostPref = CostPref,
            Seed = seed,
            BaseModel = baseModel,
            Data = data(subject.Task, seed),
            Sft = Sft,
            Dpo = Dpo,
            MaxNewTokens = MaxNewTokens,
        }
        from trial in new[] { cell with { IsBase = true } }
            .Concat(from budget in Budgets from ratio in Ratios select cell with { Budget = budget, SftRatio = ratio })
        select trial;

    /// <summary>Relative cost of a trial for the ETA: the examples it trains on (at least its step floors' worth), plus evaluation.</summary>
    public double Cost(AllocationTrialConfig trial)
    {
        var split = trial.Split;
        var sft = split.Sft == 0 ? 0 : Sft.Lrs.Count * Math.Max(split.Sft * Sft.Epochs, Sft.MinSteps * Sft.BatchSize);
        var dpo = split.Pref == 0 ? 0 : Dpo.Candidates().Count() * 3 * Math.Max(split.Pref * Dpo.Epochs, Dpo.MinSteps * Dpo.BatchSize);
        return sft + dpo + EvalProblems * 2;
    }

    /// <summary>Eight hex digits over the grid and stages, naming a study that departs from its preset.</summary>
    public string Fingerprint() =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Json.JsonSerializer.Serialize(this with { Name = "" }, FrugalJson.Options))))[..8].ToLowerInvariant();

    public string TaskList => Custom is null ? string.Join(",", Tasks.Select(t => t.Name())) : AllocationTrialConfig.CustomLabel;
}
