using System.Diagnostics;

namespace Frugal.Tests.Cli;

/// <summary>Runs the real `frugal` program (Frugal.Cli.dll, copied next to the tests) as a child process.</summary>
public static class CliProcess
{
    public static Process Start(params string[] args) => Start(new Dictionary<string, string?>(), args);

    /// <summary>Starts with these environment variables changed; a null value removes the variable.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Frugal.Cli.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        return Process.Start(info)!;
    }

    /// <summary>
    /// Starts a run, waits (up to a minute) until <paramref name="file"/> exists, then a little longer, and kills it
    /// with SIGKILL on Linux, so it has no chance to clean up; fails if the run ended first.
    /// </summary>
    public static void KillOnceWritten(string file, params string[] args)
    {
        using var victim = Start(args);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(file) && !victim.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Thread.Sleep(300);
        Assert.False(victim.HasExited, "the run ended before it could be killed: make it longer");
        victim.Kill();
        victim.WaitForExit();
    }

    /// <summary>Runs to the end and returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Out, string Error) Run(params string[] args) => Run(new Dictionary<string, string?>(), args);

    public static (int ExitCode, string Out, string Error) Run(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
