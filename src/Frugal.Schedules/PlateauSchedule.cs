namespace Frugal.Schedules;

/// <summary>
/// Decay on plateau: multiply the learning rate by <see cref="Factor"/> when the validation metric
/// has not improved for more than <see cref="Patience"/> evaluations. Defaults are PyTorch's
/// ReduceLROnPlateau (mode min, relative threshold); the REX paper tunes patience in multiples of
/// 5 epochs and does not state the factor.
/// </summary>
public sealed record PlateauOptions
{
    public double Factor { get; init; } = 0.1;
    public int Patience { get; init; } = 10;
    public double Threshold { get; init; } = 1e-4;
    public int Cooldown { get; init; }
    public double MinLr { get; init; }

    /// <summary>Reductions smaller than this are skipped, as in PyTorch.</summary>
    public double Eps { get; init; } = 1e-8;

    public IEnumerable<string> Validate()
    {
        if (!(Factor > 0 && Factor < 1)) yield return $"--factor must be in (0, 1) for plateau, got {Factor}";
        if (Patience < 0) yield return $"--patience must be >= 0, got {Patience}";
        if (!(Threshold >= 0)) yield return $"--threshold must be >= 0, got {Threshold}";
        if (Cooldown < 0) yield return $"--cooldown must be >= 0, got {Cooldown}";
        if (!(MinLr >= 0)) yield return $"--min-lr must be >= 0, got {MinLr}";
    }
}

/// <summary>The state of a decay-on-plateau run: feed it each validation metric, read the learning rate.</summary>
public sealed class PlateauSchedule(double initialLr, PlateauOptions options)
{
    private double _best = double.PositiveInfinity;
    private int _badEvaluations;
    private int _cooldownLeft;

    public PlateauOptions Options { get; } = options;
    public double LearningRate { get; private set; } = initialLr;

    /// <summary>Records one validation metric (lower is better) and returns the learning rate to use next.</summary>
    public double Report(double metric)
    {
        if (metric < _best * (1 - Options.Threshold))
        {
            _best = metric;
            _badEvaluations = 0;
        }
        else
        {
            _badEvaluations++;
        }

        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEvaluations = 0;
        }

        if (_badEvaluations > Options.Patience)
        {
            var reduced = Math.Max(LearningRate * Options.Factor, Options.MinLr);
            if (LearningRate - reduced > Options.Eps) LearningRate = reduced;
            _cooldownLeft = Options.Cooldown;
            _badEvaluations = 0;
        }
        return LearningRate;
    }

    /// <summary>What a checkpoint needs to resume this schedule exactly.</summary>
    public PlateauState State => new(LearningRate, _best, _badEvaluations, _cooldownLeft);

    public void Restore(PlateauState state)
    {
        (LearningRate, _best, _badEvaluations, _cooldownLeft) = (state.LearningRate, state.Best, state.BadEvaluations, state.CooldownLeft);
    }
}

public sealed record PlateauState(double LearningRate, double Best, int BadEvaluations, int CooldownLeft);
