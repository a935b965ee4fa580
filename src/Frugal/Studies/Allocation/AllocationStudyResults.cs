using Frugal.Storage;

namespace Frugal.Studies.Allocation;

/// <summary>One finished allocation trial as the report reads it: what it measured and its DPO and SFT series.</summary>
public sealed record AllocationTrialRecord(string Key, TrialStatus Status, AllocationTrialResult? Result, string? Error,
    IReadOnlyDictionary<string, IReadOnlyList<(int Step, double Value)>> Series);

public static class AllocationStudyResults
{
    /// <summary>Every trial of the study with its result and series; queued and running trials come with a null result.</summary>
    public static IReadOnlyList<AllocationTrialRecord> Read(string storeLocation, string study)
    {
        using var store = RunStores.Open(storeLocation);
        return Read(store, study);
    }

    public static IReadOnlyList<AllocationTrialRecord> Read(IRunStore store, string study) =>
        [.. store.Trials(study).Select(t =>
        {
            var result = AllocationTrials.Result(t);
            var series = new Dictionary<string, IReadOnlyList<(int, double)>>();
            if (result is { NPref: > 0 })
                foreach (var name in AllocationTrial.DpoSeries) series[$"dpo/{name}"] = store.Series(t.Id, $"dpo/{name}");
            if (result is { NSft: > 0 }) series["sft/loss"] = store.Series(t.Id, "sft/loss");
            return new AllocationTrialRecord(t.Key, t.Status, result, t.Error, series);
        })];
}
