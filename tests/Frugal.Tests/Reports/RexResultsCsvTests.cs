using Frugal.Reports;
using Frugal.Studies;

namespace Frugal.Tests.Reports;

public sealed class RexResultsCsvTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("frugal-rex-csv-").FullName, "results.csv");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    [Fact]
    public void Writes_invariant_round_trip_numbers_and_empty_missing_metrics()
    {
        RexResultsCsv.Write(_path,
        [
            new("fashion-mnist/mlp", "test_error", "sgdm", "rex", 0.01, 2, 0.1, TrialStatus.Done, 12.345678901234567, 0.1 + 0.2, 47, 1e-3),
            new("fashion-mnist/mlp", "test_error", "sgdm", "step", 0.01, 2, 0.3, TrialStatus.Diverged, null, null, 47, 2.5),
        ]);

        Assert.Equal(
        [
            "setting,metric_name,optimizer,schedule,budget,seed,lr,status,metric,test_loss,steps,seconds",
            "fashion-mnist/mlp,test_error,sgdm,rex,0.01,2,0.1,done,12.345678901234567,0.30000000000000004,47,0.001",
            "fashion-mnist/mlp,test_error,sgdm,step,0.01,2,0.3,diverged,,,47,2.5",
        ], File.ReadAllLines(_path));
    }

    [Fact]
    public void A_wrong_header_is_bad_input_naming_the_file_and_line()
    {
        File.WriteAllText(_path, "setting,metric\nx,1\n");

        var e = Assert.Throws<BadInputException>(() => RexResultsCsv.Read(_path));
        Assert.StartsWith($"{_path}, line 1: expected the header setting,metric_name,", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s,m,o,rex,half,0,0.1,done,1,,1,1", "line 2, field budget: expected a number, got 'half'")]
    [InlineData("s,m,o,rex,0.5,0,0.1,finished,1,,1,1", "line 2, field status: expected one of queued, running, done, diverged, failed, got 'finished'")]
    [InlineData("s,m,o,rex,0.5,0,0.1,done,1,,1", "line 2: expected 12 fields, got 11")]
    [InlineData("\"s,m,o", "line 2: a quoted field is never closed")]
    public void A_bad_row_is_bad_input_naming_the_line_and_field(string row, string message)
    {
        File.WriteAllText(_path, string.Join(',', RexResultsCsv.Header) + "\n" + row + "\n");

        var e = Assert.Throws<BadInputException>(() => RexResultsCsv.Read(_path));
        Assert.Equal($"{_path}, {message}", e.Message);
    }
}
