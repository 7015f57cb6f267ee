using System.Diagnostics;
using System.Globalization;

namespace Skiff.Bench.Storage;

/// <summary>The facts a reader needs to compare figures between runs.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var memory = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memoryGiB = long.TryParse(memory, CultureInfo.InvariantCulture, out var kib) ? $"{kib / 1024.0 / 1024.0:0.0} GiB" : "unknown";
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

        // On a shared machine the other load moves every figure; the reader should see how busy it was.
        var load = string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        return $"nproc {Environment.ProcessorCount}, memory {memoryGiB}, kernel {kernel}, .NET {Environment.Version}, {EtcdVersion()}, load average at the end {load}";
    }

    private static string EtcdVersion()
    {
        try
        {
            using var etcd = Process.Start(new ProcessStartInfo("/usr/bin/etcd", "--version") { RedirectStandardOutput = true })!;
            var first = etcd.StandardOutput.ReadLine() ?? "etcd ?";
            etcd.WaitForExit();
            return first.Replace("Version: ", string.Empty, StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "etcd not found";
        }
    }
}
