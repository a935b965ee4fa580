using System.Runtime.InteropServices;

namespace Frugal.Tests.Cli;

/// <summary>POSIX signals to child processes: Process.Kill only sends SIGKILL.</summary>
public static class Signals
{
    // Linux numbers (x86-64 and arm64 agree on these).
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;

    public static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
