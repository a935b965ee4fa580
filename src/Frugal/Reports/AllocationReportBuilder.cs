using Frugal.Schedules;
using Frugal.Studies;
using Frugal.Studies.Allocation;
using static Frugal.Reports.AllocationFormat;
using static System.FormattableString;

namespace Frugal.Reports;

/// <summary>File names of the PNGs drawn for one task; null where there was nothing to draw.</summary>
public sealed record AllocationTaskFigures(string? Heatmap, string? MetricVsBudget, string? Lengths, string? Logps);

/// <summary>
/// Builds the allocation report's <see cref="RexDocument"/>: the run and its settings, the calibration check, the
/// claims in brief, each task's results (<see cref="AllocationTaskSection"/>), the claims in full, sample answers,
/// and the selected learning rates.
/// </summary>
public static class AllocationReportBuilder
{
    public static RexDocument Build(AllocationStudySpec spec, IReadOnlyList<AllocationTrialRecord> trials, AllocationReportContext context,
        AllocationAnalysis analysis, IReadOnlyDictionary<string, AllocationTaskFigures> figures)
    {
        var blocks = new List<RexBlock>();
        Header(blocks, spec, trials, context);
        Calibration(blocks, analysis);
        Summary(blocks, analysis);
        foreach (var task in analysis.Tasks)
            AllocationTaskSection.Add(blocks, task, figures.GetValueOrDefault(task.Grid.Task) ?? new AllocationTaskFigures(null, null, null, null), spec.MaxNewTokens);
        Claims(blocks, analysis);
        Samples(blocks, analysis);
        Appendix(blocks, analysis);
        return new RexDocument($"Allocation study: {spec.Name}", blocks);
    }

    private static RexSpan Bold(string text) => new(text, RexSpanStyle.Bold);

    /// <summary>
    /// The trials' own seconds next to this command's wall time: a resumed run or `study report` did not see the
    /// hours the trials took, and a cell rerun later should not stretch the study's time by the gap before it.
    /// </summary>
    private static string TimeLine(IReadOnlyList<AllocationTrialRecord> trials, TimeSpan elapsed)
    {
        var seconds = trials.Select(t => t.Result?.Seconds ?? 0).ToList();
        var trialTime = Invariant($" the trials took {RexFormat.Duration(TimeSpan.FromSeconds(seconds.Sum()))} of worker time (the longest {RexFormat.Duration(TimeSpan.FromSeconds(seconds.DefaultIfEmpty(0).Max()))})");
        return elapsed > TimeSpan.Zero ? $"{trialTime}; this command ran {RexFormat.Duration(elapsed)}" : trialTime;
    }

    private static void Header(List<RexBlock> blocks, AllocationStudySpec spec, IReadOnlyList<AllocationTrialRecord> trials, AllocationReportContext context)
    {
        int Count(TrialStatus s) => trials.Count(t => t.Status == s);
        var unfinished = Count(TrialStatus.Queued) + Count(TrialStatus.Running);
        blocks.Add(RexParagraph.Of("Command that produced this study:"));
        blocks.Add(new RexCodeBlock(context.Command));
        blocks.Add(new RexBulletList(
        [
            [Bold("Preset:"), new(" "), new(context.Preset, RexSpanStyle.Code)],
            [Bold("Time:"), new(TimeLine(trials, context.Elapsed))],
            [Bold("Trials:"), new(Invariant($" {trials.Count} (done {Count(TrialStatus.Done)}, diverged {Count(TrialStatus.Diverged)}, failed {Count(TrialStatus.Failed)}, unfinished {unfinished}): ")
                + "one per task, budget, ratio and seed, plus one base-model trial per task and seed")],
            [Bold("Grid:"), new(Invariant($" tasks {spec.TaskList}; budgets B = {string.Join(", ", spec.Budgets.Select(Budget))}; ")
                + Invariant($"SFT ratios r = {string.Join(", ", spec.Ratios.Select(RatioValue))}; {spec.Seeds} seed(s); ")
                + Invariant($"costs c_sft = {spec.CostSft:0.###}, c_pref = {spec.CostPref:0.###}, so n_sft = floor(r B / c_sft) demonstrations and n_pref = floor((1 - r) B / c_pref) preference pairs"))],
            [Bold("Base model:"), new(Invariant($" the {spec.Base.Preset.Name()} GPT preset pretrained for {spec.Base.Steps} steps (batch {spec.Base.BatchSize}, lr {spec.Base.Lr.ToString(LearningRateFormat, System.Globalization.CultureInfo.InvariantCulture)}, REX) ")
                + "on the tasks' raw text and general text, never on a response format; every cell starts from it")],
            [Bold("SFT:"), new(Stage(spec.Sft) + "; the rate with the lowest loss on held-out demonstrations is kept")],
            [Bold("DPO:"), new(Stage(spec.Dpo) + "; betas " + Values(spec.Dpo.Betas.Select(b => (double?)b), BetaFormat)
                + "; with more than one candidate, the one with the best metric on the validation problems is kept. It starts from the SFT model "
                + "(the base at r = 0), which is also its reference")],
            [Bold("Evaluation:"), new(Invariant($" {spec.EvalProblems} problems per task, greedy, at most {spec.MaxNewTokens} new tokens; {spec.ValidationProblems} held-out problems and pairs for selection and the log-probability shift"))],
        ]));
        blocks.Add(RexParagraph.Of(
            "Every metric is higher-is-better: on verifiable tasks the share of answers the task's verifier passes (math: the exact final "
            + "answer), on judged tasks the win rate against the reference answer (a tie counts half). With one seed a cell shows its Wilson "
            + "95% interval over the evaluation problems; with several, the standard deviation over seeds. Two cells whose means lie within "
            + "each other's interval are treated as tied."));
        if (unfinished > 0)
            blocks.Add(RexParagraph.Of(Invariant($"{unfinished} trial(s) had not finished when this report was written; they are left out of every number below.")));
        var failed = trials.Where(t => t.Status == TrialStatus.Failed).ToList();
        if (failed.Count > 0)
        {
            blocks.Add(RexParagraph.Of(Invariant($"{failed.Count} trial(s) failed (an error, not a divergence) and are left out; the first of them:")));
            blocks.Add(new RexBulletList([.. failed.Take(5).Select(t => (IReadOnlyList<RexSpan>)[new(t.Key, RexSpanStyle.Code), new(": " + (t.Error ?? "no message"))])]));
        }
    }

    private static string Stage(AllocationTuning tuning) =>
        Invariant($" {tuning.Epochs:0.##} epochs and at least {tuning.MinSteps} optimizer steps, batch {tuning.BatchSize}; learning rates tried ")
        + Values(tuning.Lrs.Select(lr => (double?)lr), LearningRateFormat);

    private static void Calibration(List<RexBlock> blocks, AllocationAnalysis analysis)
    {
        blocks.Add(new RexHeading(2, "Calibration check"));
        blocks.Add(RexParagraph.Of(Invariant(
            $"Issue 5 asks that before any sweep the base model be competent at each task's raw skill (math: it completes equations, at least {AllocationCalibration.MinEquationCompletion:0%}) ")
            + Invariant($"while its answers are not yet in the demonstrated format (format rate at most {AllocationCalibration.MaxFormatRate:0.00}). Without both, the study measures nothing.")));
        blocks.Add(new RexBulletList([.. analysis.Tasks.Select(t => CalibrationLine(t.Calibration))]));
    }

    private static IReadOnlyList<RexSpan> CalibrationLine(AllocationCalibration c)
    {
        if (c.Seeds == 0) return [new($"{c.Task}: the base-model trial did not finish: "), Bold("not checked.")];
        var format = c.FormatRate is { } f ? Invariant($"format rate {Metric(f)}") : "no format check for this task";
        if (c.EquationCompletion is not { } equations)
            return [new($"{c.Task}: no skill probe for this task; {format}: "), Bold("not checked.")];
        var inText = c.EquationCompletionInText is { } t ? Invariant($" (after another drill's line, as in the raw text: {Metric(t)})") : "";
        var anywhere = c.AnswerAnywhere is { } a ? Invariant($", the right answer on the line continuing the problem {Metric(a)}") : "";
        var text = Invariant($"{c.Task}: equation completion {Metric(equations)} (needs {AllocationCalibration.MinEquationCompletion:0.0} or more){inText}{anywhere}; ")
            + format + Invariant($" (needs {AllocationCalibration.MaxFormatRate:0.00} or less): ");
        return c.Passed == true
            ? [new(text), Bold("passed.")]
            : [new(text), Bold("failed."), new(" The base model is not ready for this study, so the sweep below may measure nothing.")];
    }

    private static void Summary(List<RexBlock> blocks, AllocationAnalysis analysis)
    {
        blocks.Add(new RexHeading(2, "Summary of the paper's findings"));
        blocks.Add(RexParagraph.Of("\"Balancing the Budget\" (Raghavendra, Kang and Ritter, ACL 2025), checked per task on this run; the rules and numbers are under Claims."));
        blocks.Add(new RexBulletList([.. analysis.Claims.Select(c => (IReadOnlyList<RexSpan>)
        [
            new($"{c.Label} {c.Task}: {c.Statement} "), Bold(c.Verdict.Name() + "."),
            // "Not measured" says why at once: a grid without the cells, or a study that measured nothing.
            new(c.Verdict == AllocationVerdict.NotMeasured ? " " + c.Findings[0] : ""),
        ])]));
    }

    private static void Claims(List<RexBlock> blocks, AllocationAnalysis analysis)
    {
        blocks.Add(new RexHeading(2, "Claims"));
        blocks.Add(RexParagraph.Of(AllocationClaims.CommonRule));
        foreach (var claim in analysis.Claims)
        {
            blocks.Add(new RexHeading(3, $"{claim.Label} {claim.Task}: {claim.Statement}"));
            blocks.Add(new RexParagraph([Bold($"Verdict: {claim.Verdict.Name()}.")]));
            blocks.Add(new RexParagraph([Bold("Rule:"), new(" " + claim.Rule)]));
            blocks.Add(new RexBulletList([.. claim.Findings.Select(f => (IReadOnlyList<RexSpan>)[new(f)])]));
        }
    }

    /// <summary>A few answers of the base model, pure DPO and pure SFT at the largest budget: what the metric counts.</summary>
    private static void Samples(List<RexBlock> blocks, AllocationAnalysis analysis)
    {
        blocks.Add(new RexHeading(2, "Sample answers"));
        foreach (var task in analysis.Tasks)
        {
            var grid = task.Grid;
            var models = new List<(string Name, AllocationCellRuns Cell)> { ("base model", grid.Base) };
            if (grid.Budgets.Count > 0)
                models.AddRange(new[] { 0.0, 1.0 }.Where(grid.Ratios.Contains).Select(r => ($"{Ratio(r)} at B = {Budget(grid.Budgets[^1])}", grid.Cell(grid.Budgets[^1], r))));
            foreach (var (name, cell) in models)
            {
                if (cell.Done.FirstOrDefault() is not { Samples.Count: > 0 } result) continue;
                blocks.Add(RexParagraph.Of(Invariant($"{grid.Task}, {name} (seed {result.Seed}, metric {Metric(result.Metric)}):")));
                blocks.Add(new RexCodeBlock(string.Join("\n\n", result.Samples.Select((s, i) => Invariant($"[{i + 1}] {s}")))));
            }
        }
    }

    private static void Appendix(List<RexBlock> blocks, AllocationAnalysis analysis)
    {
        blocks.Add(new RexHeading(2, "Appendix: what each cell selected"));
        blocks.Add(RexParagraph.Of("The split, the learning rate (and DPO beta) each cell's validation selected, the optimizer steps taken and the wall time per seed; values that differ between seeds are separated by \" / \"."));
        foreach (var task in analysis.Tasks)
        {
            blocks.Add(new RexHeading(3, task.Grid.Task));
            blocks.Add(AllocationReportTables.Selected(task.Grid));
        }
    }
}
