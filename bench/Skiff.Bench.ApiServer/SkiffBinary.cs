using System.Diagnostics;

namespace Skiff.Bench.ApiServer;

internal static class SkiffBinary
{
    /// <summary>skiff.dll built beside this benchmark (same configuration), found from the repository root.</summary>
    public static string Find()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))) ?? "Release";
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "src", "Skiff", "bin", configuration, "net10.0", "skiff.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build src/Skiff in {configuration} first", dll);
    }

    /// <summary>
    /// The binary users run: scripts/publish.sh (the one scripts/run-server.sh starts, ReadyToRun) into a folder of the
    /// benchmark's own, so the cold start measured is the cold start users get.
    /// </summary>
    public static string Publish()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true };
        start.ArgumentList.Add("scripts/publish.sh");
        start.ArgumentList.Add(Path.Combine(root, ".artifacts", "bench-skiff"));
        using var publish = Process.Start(start)!;
        var dll = publish.StandardOutput.ReadToEnd().Trim();
        publish.WaitForExit();
        return publish.ExitCode == 0 && File.Exists(dll) ? dll : throw new InvalidOperationException($"scripts/publish.sh failed ({publish.ExitCode})");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Skiff.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Skiff.sln not found above the benchmark's binaries");
    }
}
