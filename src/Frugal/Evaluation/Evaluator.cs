using System.Diagnostics;
using System.Runtime.ExceptionServices;
using static TorchSharp.torch;

namespace Frugal.Evaluation;

/// <summary>
/// Generates an answer to every record's prompt and scores it with a verifier. Every record is checked against the
/// verifier before the first generation, so a data problem costs no model time. Sampling, when asked for, is
/// seeded per record (seed + index), so a record's answer does not depend on the records before it, on --limit,
/// or on how many workers share the work.
/// </summary>
public static class Evaluator
{
    /// <param name="workers">
    /// Records generated at once, each on its own thread with <paramref name="threadsPerWorker"/> libtorch threads.
    /// Token-by-token decoding of a small model is a chain of tiny operations that one core runs as fast as two,
    /// so on these models records side by side use the cores better than splitting each operation (bench/README.md).
    /// </param>
    /// <param name="threadsPerWorker">libtorch threads of each worker thread; 0 leaves the setting alone (sequential runs).</param>
    public static EvalResult Run(LanguageModel model, IReadOnlyList<EvalRecord> records, IVerifier verifier, SamplingOptions options,
        IProgress<EvalProgress>? progress = null, CancellationToken cancellation = default, int workers = 1, int threadsPerWorker = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new BadInputException(string.Join("; ", problems));
        foreach (var record in records)
        {
            if (verifier.Check(record) is { } problem) throw new BadInputException($"{record.Where}: {problem}");
        }

        var clock = Stopwatch.StartNew();
        var items = new EvalItem[records.Count];
        var (next, done, passed) = (-1, 0, 0);
        var gate = new object();
        ExceptionDispatchInfo? failure = null;
        // Generate() switches to eval mode and back; switching once here keeps concurrent calls from racing on the flag.
        var wasTraining = model.Model.training;
        var threadsBefore = get_num_threads();  // a worker's set_num_threads also resizes the process-wide pools
        model.Model.eval();
        try
        {
            void Work()
            {
                if (threadsPerWorker > 0) set_num_threads(threadsPerWorker);
                int i;
                while (!cancellation.IsCancellationRequested && Volatile.Read(ref failure) is null && (i = Interlocked.Increment(ref next)) < records.Count)
                {
                    var record = records[i];
                    var completion = model.Complete(record.Prompt, options with { Seed = options.Seed + (ulong)i });
                    var verdict = verifier.Score(completion.Text, record);
                    items[i] = new EvalItem(record.Line, record.Prompt, record.Reference, completion.Text, verdict.Passed, verdict.Reason,
                        completion.NewTokens, completion.Reason);
                    lock (gate)
                    {
                        done++;
                        if (verdict.Passed) passed++;
                        progress?.Report(new EvalProgress(done, records.Count, passed, clock.Elapsed.TotalSeconds));
                    }
                }
            }

            if (workers == 1) Work();
            else
            {
                var threads = Enumerable.Range(0, Math.Min(workers, records.Count)).Select(_ => new Thread(() =>
                {
                    try
                    {
                        Work();
                    }
                    catch (Exception e)
                    {
                        // The first failure stops the other workers after their current record, and is rethrown as thrown.
                        Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    }
                })).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());
                failure?.Throw();
            }
        }
        finally
        {
            model.Model.train(wasTraining);
            if (threadsPerWorker > 0) set_num_threads(threadsBefore);
        }
        cancellation.ThrowIfCancellationRequested();
        return new EvalResult(verifier.Kind, items, clock.Elapsed.TotalSeconds);
    }
}
