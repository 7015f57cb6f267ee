using System.Globalization;

namespace Skiff.Kubelet.Runtime;

/// <summary>What this process may do, read from the effective capability set in /proc/self/status.</summary>
internal static class HostCapabilities
{
    private const int CapSysResource = 24;

    /// <summary>
    /// CAP_SYS_RESOURCE lets a process lower an oom_score_adj. Without it (inside some container
    /// sandboxes, and rootless) runc cannot give the sandbox its usual -998 and every pod fails to start.
    /// </summary>
    public static bool CanLowerOomScoreAdj() => HasEffective(CapSysResource, File.ReadAllLines("/proc/self/status"));

    internal static bool HasEffective(int capability, IEnumerable<string> statusLines)
    {
        var line = statusLines.FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        if (line is null || !ulong.TryParse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask))
        {
            return true;
        }

        return (mask & (1UL << capability)) != 0;
    }
}
