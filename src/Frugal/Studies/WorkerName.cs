using System.Diagnostics;

namespace Frugal.Studies;

/// <summary>
/// Workers are named host:pid, so `study status` says where each runs and a study rerun on the same host can
/// tell its own dead workers from live ones elsewhere.
/// </summary>
public static class WorkerName
{
    public static string ThisProcess => Of(Environment.MachineName, Environment.ProcessId);

    public static string Of(string host, int pid) => $"{host}:{pid}";

    /// <summary>True when the name is of a process on this host that no longer runs.</summary>
    public static bool IsDeadHere(string? worker)
    {
        if (worker is null) return false;
        int colon = worker.LastIndexOf(':');
        if (colon < 0 || worker[..colon] != Environment.MachineName || !int.TryParse(worker[(colon + 1)..], out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
