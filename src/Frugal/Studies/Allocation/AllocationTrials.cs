using System.Text.Json;
using Frugal.Storage;

namespace Frugal.Studies.Allocation;

/// <summary>How a worker tells an allocation cell from a REX run in the store, runs it and stores what it measured.</summary>
public static class AllocationTrials
{
    public static bool Is(string configJson)
    {
        using var document = JsonDocument.Parse(configJson);
        return document.RootElement.TryGetProperty(nameof(AllocationTrialConfig.Trial), out var kind)
            && kind.ValueKind == JsonValueKind.String && kind.GetString() == AllocationTrialConfig.TrialKind;
    }

    public static AllocationOutcome Run(string configJson, string work, int threads, CancellationToken cancellation)
    {
        var config = JsonSerializer.Deserialize<AllocationTrialConfig>(configJson, FrugalJson.Options)
            ?? throw new InvalidDataException("empty allocation trial configuration");
        return AllocationTrial.Run(config, work, threads, _ => { }, cancellation);
    }

    public static void Record(IRunStore store, long trialId, AllocationOutcome outcome)
    {
        foreach (var (name, points) in outcome.Series) store.AppendSeries(trialId, name, points);
        var status = outcome.Result.IsDiverged ? TrialStatus.Diverged : TrialStatus.Done;
        store.Complete(trialId, status, JsonSerializer.Serialize(outcome.Result, FrugalJson.Options), null);
    }

    public static AllocationTrialResult? Result(StoredTrial trial) =>
        trial.ResultJson is null ? null : JsonSerializer.Deserialize<AllocationTrialResult>(trial.ResultJson, FrugalJson.Options);
}
