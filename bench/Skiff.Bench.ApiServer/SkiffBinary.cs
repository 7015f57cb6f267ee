using System.Diagnostics;

namespace Skiff.Bench.ApiServer;

internal static class SkiffBinary
{
    /// <summary>
    /// The binary users run: scripts/publish.sh (the one scripts/run-server.sh starts, ReadyToRun) into a folder of the
    /// benchmark's own, so the cold start measured is the cold start users get.
    /// </summary>
    public static string Publish()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Skiff.sln")))
            {
                var start = new ProcessStartInfo("bash") { WorkingDirectory = dir.FullName, RedirectStandardOutput = true };
                start.ArgumentList.Add("scripts/publish.sh");
                start.ArgumentList.Add(Path.Combine(dir.FullName, ".artifacts", "bench-skiff"));
                using var publish = Process.Start(start)!;
                var dll = publish.StandardOutput.ReadToEnd().Trim();
                publish.WaitForExit();
                return publish.ExitCode == 0 && File.Exists(dll) ? dll : throw new InvalidOperationException($"scripts/publish.sh failed ({publish.ExitCode})");
            }
        }

        throw new DirectoryNotFoundException("Skiff.sln not found above the benchmark's binaries");
    }
}
