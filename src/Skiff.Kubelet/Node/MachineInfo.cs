using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Skiff.Kubelet.Node;

/// <summary>What the node reports about the machine: sizes, identity and its own address.</summary>
public sealed record MachineInfo(
    int Cpus,
    long MemoryBytes,
    long EphemeralStorageBytes,
    string MachineId,
    string BootId,
    string KernelVersion,
    string OsImage,
    string Architecture,
    string? InternalIp)
{
    public static MachineInfo Read(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        return new MachineInfo(
            Environment.ProcessorCount,
            MemTotal(File.Exists("/proc/meminfo") ? File.ReadAllText("/proc/meminfo") : string.Empty),
            new DriveInfo(dataDir).TotalSize,
            ReadTrimmed("/etc/machine-id"),
            ReadTrimmed("/proc/sys/kernel/random/boot_id"),
            ReadTrimmed("/proc/sys/kernel/osrelease"),
            PrettyName(File.Exists("/etc/os-release") ? File.ReadAllText("/etc/os-release") : string.Empty),
            RuntimeInformation.OSArchitecture switch
            {
                System.Runtime.InteropServices.Architecture.X64 => "amd64",
                System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
                System.Runtime.InteropServices.Architecture.Arm => "arm",
                var other => other.ToString().ToLowerInvariant(),
            },
            PrimaryAddress());
    }

    /// <summary>MemTotal from /proc/meminfo text, in bytes.</summary>
    public static long MemTotal(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(fields[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>PRETTY_NAME from /etc/os-release text.</summary>
    public static string PrettyName(string osRelease)
    {
        foreach (var line in osRelease.Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line["PRETTY_NAME=".Length..].Trim('"');
            }
        }

        return "Linux";
    }

    private static string ReadTrimmed(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty;

    /// <summary>The IPv4 address of the first up, non-loopback interface with a gateway, else of any up interface.</summary>
    private static string? PrimaryAddress()
    {
        var candidates = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .OrderByDescending(n => n.GetIPProperties().GatewayAddresses.Count > 0)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return candidates.FirstOrDefault()?.ToString();
    }
}
