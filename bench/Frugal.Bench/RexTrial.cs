using System.Globalization;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Studies;
using Frugal.Training;

namespace Frugal.Bench;

/// <summary>
/// One trial of a REX study setting, timed, as a study worker runs it: how a setting's full budget was sized
/// (StudySetting.Justification). Arguments: setting (mlp, cnn, vae, gpt), optimizer, schedule, budget, threads.
/// </summary>
public static class RexTrial
{
    public static int Run(string[] args)
    {
        var settingName = args.Length > 0 ? args[0] : "gpt";
        var optimizer = args.Length > 1 && EnumNames.TryParse<OptimizerKind>(args[1], out var o) ? o : OptimizerKind.Adam;
        var schedule = args.Length > 2 && ProfileKinds.TryParse(args[2], out var s) ? s : ProfileKind.Rex;
        var budget = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        var threads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;
        var setting = new[] { RexPresets.Mlp, RexPresets.Cnn, RexPresets.Vae, RexPresets.Gpt }
            .Single(x => x.Model.Name() == settingName);
        var spec = new RexStudySpec { Name = "bench", Settings = [setting], Optimizers = [optimizer], Schedules = [schedule], Budgets = [budget] };
        var (key, config) = spec.Trials().Single();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = StudyWorker.Train(config, new RunOptions { Threads = threads });
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var e in result.History)
            Console.WriteLine(FormattableString.Invariant($"epoch {e.Epoch} step {e.Step} train_loss {e.TrainLoss:0.0000} val_loss {e.ValLoss:0.0000} lr {e.Lr:G4}"));
        Console.WriteLine(FormattableString.Invariant(
            $"{key}: {result.Status}, {StudyOutcomes.MetricName(config.Model)} {(config.Model.IsClassifier() ? result.TestError : result.TestLoss):0.0000}, {result.Steps} steps, {seconds:0.0} s wall ({result.Seconds:0.0} s in the trainer) on {threads} thread(s)"));
        return result.IsDiverged ? 1 : 0;
    }
}
