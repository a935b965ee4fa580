using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Frugal.Models;
using Frugal.Schedules;
using Frugal.Storage;
using Frugal.Studies;
using Frugal.Training;

namespace Frugal.Bench;

/// <summary>
/// Study throughput with 1, 2, 3 ... `frugal worker` processes on one store: a queue of tiny trials (an MLP on
/// 8x8 synthetic images, tens of milliseconds of training each), timed from the workers' start to the last exit.
/// </summary>
public static class WorkerFleet
{
    public static int Run(string[] args)
    {
        var location = args[0];
        var counts = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [1, 2, 3];
        var trials = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
        var cli = Environment.GetEnvironmentVariable("FRUGAL_CLI_DLL") ?? throw new InvalidOperationException("set FRUGAL_CLI_DLL");
        var data = Directory.CreateTempSubdirectory("frugal-fleet-").FullName;
        try
        {
            WriteTinyImages(data);
            foreach (var workers in counts)
            {
                var study = $"fleet-{workers}-{Guid.NewGuid():N}"[..20];
                using (var store = RunStores.Open(location))
                {
                    store.EnsureStudy(study, "{}");
                    store.Enqueue(study, Trials(data, trials));
                }
                var clock = Stopwatch.StartNew();
                var processes = Enumerable.Range(0, workers).Select(_ =>
                {
                    var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
                    foreach (var a in new[] { cli, "worker", "--store", location, "--study", study, "--threads", "1" }) info.ArgumentList.Add(a);
                    return Process.Start(info)!;
                }).ToList();
                foreach (var p in processes)
                {
                    p.StandardOutput.ReadToEnd();
                    p.WaitForExit();
                    if (p.ExitCode != 0) throw new InvalidOperationException($"a worker exited {p.ExitCode}");
                }
                var wall = clock.Elapsed.TotalSeconds;
                using var check = RunStores.Open(location);
                var done = check.Trials(study);
                var training = done.Sum(t => JsonDocument.Parse(t.ResultJson!).RootElement.GetProperty("seconds").GetDouble());
                var doneCount = done.Count(t => t.Status == TrialStatus.Done);
                Console.WriteLine(FormattableString.Invariant($"workers={workers}: {doneCount}/{trials} trials in {wall:F1} s = {trials * 3600 / wall:F0} trials/hour"));
                Console.WriteLine(FormattableString.Invariant($"  training {training / trials * 1000:F0} ms/trial; everything else (process start, data, store) {(wall * workers - training) / trials * 1000:F0} ms/trial"));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
        return 0;
    }

    private static IEnumerable<(string, string)> Trials(string data, int count) =>
        Enumerable.Range(0, count).Select(i => ($"t{i:D4}", JsonSerializer.Serialize(new TrainConfig
        {
            Data = $"mnist:{data}",
            Model = ModelKind.Mlp,
            Optimizer = OptimizerKind.Sgdm,
            Schedule = ProfileKind.Rex,
            Lr = 0.1,
            Budget = 0.5 + 0.5 * (i % 2),
            FullEpochs = 10,
            Seed = i,
        }, FrugalJson.Options)));

    // 8x8 images whose class lights one pixel block, as the tests' TinyImages: 400 train, 100 test.
    private static void WriteTinyImages(string directory)
    {
        foreach (var (prefix, count, seed) in new[] { ("train", 400, 1), ("t10k", 100, 2) })
        {
            var random = new Random(seed);
            var pixels = new byte[count * 64];
            var labels = new byte[count];
            for (var i = 0; i < count; i++)
            {
                labels[i] = (byte)(i % 10);
                for (var p = 0; p < 64; p++) pixels[i * 64 + p] = (byte)(p / 6 == i % 10 ? 160 + random.Next(96) : random.Next(100));
            }
            File.WriteAllBytes(Path.Combine(directory, $"{prefix}-images-idx3-ubyte"), [.. Header(0x803, count, 8, 8), .. pixels]);
            File.WriteAllBytes(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte"), [.. Header(0x801, count), .. labels]);
        }
    }

    private static byte[] Header(int magic, params int[] dims)
    {
        var header = new byte[4 * (1 + dims.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (d + 1)), dims[d]);
        return header;
    }
}
