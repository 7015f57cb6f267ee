using System.Runtime.InteropServices;

namespace Skiff.Kubelet.Runtime;

/// <summary>POSIX signals for child processes; .NET's Process.Kill only sends SIGKILL.</summary>
internal static partial class Signals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    public static bool IsAlive(int pid) => Kill(pid, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
