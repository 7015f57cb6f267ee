using System.Diagnostics;

namespace Skiff.Kubelet.Cni;

/// <summary>Runs the iptables (or ip6tables) binary once; the exit status and stderr are the whole answer.</summary>
internal static class IptablesCommand
{
    public static (int ExitCode, string Error) Run(string binary, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr.GetAwaiter().GetResult().Trim());
    }
}
