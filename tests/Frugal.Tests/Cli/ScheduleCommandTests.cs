using System.Globalization;
using Frugal.Schedules;

namespace Frugal.Tests.Cli;

public class ScheduleCommandTests
{
    [Fact]
    public void Prints_step_lr_csv_for_every_step()
    {
        var run = CliRun.Of("schedule", "rex", "--steps", "4", "--lr", "0.1");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(["step,lr", "0,0.1", "1,0.08571428571428572", "2,0.06666666666666667", "3,0.04000000000000001"], run.OutLines);
    }

    [Fact]
    public void Learning_rates_round_trip_exactly()
    {
        var run = CliRun.Of("schedule", "cosine", "--steps", "97", "--lr", "0.3", "--warmup", "5", "--min-lr", "0.001", "--sample-every", "3");
        Assert.Equal(0, run.ExitCode);
        var schedule = new Schedule(new CosineProfile()) { WarmupSteps = 5, MinLr = 0.001, Sampling = new EveryKSteps(3) };
        var rows = run.OutLines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(97, rows.Count);
        for (var t = 0; t < rows.Count; t++)
        {
            Assert.Equal(t, int.Parse(rows[t][0], CultureInfo.InvariantCulture));
            Assert.Equal(schedule.LearningRate(0.3, t, 97), double.Parse(rows[t][1], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Profile_options_reach_the_profile()
    {
        var run = CliRun.Of("schedule", "step", "--steps", "10", "--milestones", "0.3", "--factor", "0.5", "--sample-at", "0.3,0.6");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("3,0.5", run.OutLines[4]);
        Assert.Equal("2,1", run.OutLines[3]);
        Assert.Equal("9,0.5", run.OutLines[^1]);
        Assert.Equal("5,0.909", CliRun.Of("schedule", "rex", "--steps", "10", "--beta", "0.9").OutLines[6][..7]);
    }

    [Theory]
    [InlineData("unknown profile 'resnet'", "schedule", "resnet", "--steps", "10")]
    [InlineData("--steps must be a positive", "schedule", "rex", "--steps", "0")]
    [InlineData("--steps is required", "schedule", "rex")]
    [InlineData("--steps: 'ten' is not a valid number", "schedule", "rex", "--steps", "ten")]
    [InlineData("sampling interval must be a positive", "schedule", "rex", "--steps", "10", "--sample-every", "0")]
    [InlineData("strictly increasing", "schedule", "rex", "--steps", "10", "--sample-at", "0.75,0.5")]
    [InlineData("strictly between 0 and 1", "schedule", "rex", "--steps", "10", "--sample-at", "0.5,1")]
    [InlineData("--sample-at: 'x' is not a number", "schedule", "rex", "--steps", "10", "--sample-at", "0.5,x")]
    [InlineData("--sample-every or --sample-at, not both", "schedule", "rex", "--steps", "10", "--sample-at", "0.5", "--sample-every", "2")]
    [InlineData("--warmup must be in [0, steps)", "schedule", "rex", "--steps", "10", "--warmup", "10")]
    [InlineData("--beta must be in [0, 1)", "schedule", "rex", "--steps", "10", "--beta", "1")]
    [InlineData("--milestones must be strictly increasing", "schedule", "step", "--steps", "10", "--milestones", "0.75,0.5")]
    [InlineData("plateau decays when a validation metric", "schedule", "plateau", "--steps", "10")]
    [InlineData("--plot FILE.png is required", "schedule", "compare", "--steps", "10")]
    [InlineData("Unknown option 'bogus'", "schedule", "rex", "--steps", "10", "--bogus")]
    public void Bad_input_is_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("frugal: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void Plot_writes_a_png_and_compare_draws_every_profile()
    {
        var dir = Directory.CreateTempSubdirectory("frugal-plot-");
        try
        {
            var single = Path.Combine(dir.FullName, "rex.png");
            Assert.Equal(0, CliRun.Of("schedule", "rex", "--steps", "50", "--plot", single).ExitCode);
            AssertPng(single);

            var all = Path.Combine(dir.FullName, "compare.png");
            var run = CliRun.Of("schedule", "compare", "--steps", "200", "--plot", all);
            Assert.Equal(0, run.ExitCode);
            AssertPng(all);
            foreach (var kind in ProfileKinds.All.Where(k => k.IsFunctionOfProgress())) Assert.Contains(kind.Name(), run.Out);
            Assert.DoesNotContain("plateau", run.Out);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Help_lists_the_options()
    {
        var run = CliRun.Of("schedule", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--sample-every", run.Out);
        Assert.Contains("--warmup", run.Out);
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5_000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }
}
