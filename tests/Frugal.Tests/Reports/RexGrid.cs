using Frugal.Reports;
using Frugal.Studies;

namespace Frugal.Tests.Reports;

/// <summary>
/// A made-up but plausible REX study: error falls with budget, schedules differ by a few percent, seeds add
/// noise, and a few trials diverge. Fixed seed, so the same grid every time.
/// </summary>
internal static class RexGrid
{
    public static readonly string[] Schedules = ["rex", "linear", "cosine", "exponential", "step", "onecycle", "constant", "plateau"];
    public static readonly double[] Budgets = [0.01, 0.05, 0.1, 0.25, 0.5, 1];

    public static List<TrialOutcome> Make(string[] settings, string[] optimizers, int seeds, int seed = 7)
    {
        var random = new Random(seed);
        var outcomes = new List<TrialOutcome>();
        foreach (var setting in settings)
        {
            var vae = setting.Contains("vae", StringComparison.Ordinal);
            foreach (var optimizer in optimizers)
            {
                for (var k = 0; k < Schedules.Length; k++)
                {
                    foreach (var budget in Budgets)
                    {
                        // How well this schedule suits this experiment: REX a little ahead on average, but not always.
                        var suit = 0.012 * k * (budget < 0.25 ? 1 : 0.3) + 0.03 * (random.NextDouble() - 0.5);
                        for (var s = 0; s < seeds; s++)
                        {
                            var diverged = random.NextDouble() < 0.02;
                            // A floor plus a term that shrinks with budget, a per-schedule offset, and seed noise.
                            var error = (vae ? 100 : 8) * (1 + 0.5 / Math.Sqrt(budget * 20)) * (1 + suit) * (1 + 0.02 * (random.NextDouble() - 0.5));
                            outcomes.Add(new TrialOutcome(setting, vae ? "test_loss" : "test_error", optimizer, Schedules[k], budget, s,
                                optimizer == "adam" ? 0.003 : 0.1,
                                diverged ? TrialStatus.Diverged : TrialStatus.Done,
                                diverged ? null : error, diverged ? null : error / 30, (int)(budget * 9000), budget * 600 * (1 + random.NextDouble())));
                        }
                    }
                }
            }
        }
        return outcomes;
    }

    public static RexReportContext Context(params string[] settings) => new(
        "REX study: fake grid",
        "frugal study rex --preset quick --out /tmp/rex",
        "quick",
        settings.ToDictionary(s => s, s => new RexSettingBudget(30, $"{s} reaches its plateau of test error in about 30 epochs")),
        TimeSpan.FromMinutes(83.5));
}
