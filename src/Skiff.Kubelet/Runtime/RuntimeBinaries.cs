namespace Skiff.Kubelet.Runtime;

/// <summary>The executables skiff's own containerd needs, where Debian's packages install them.</summary>
public sealed record RuntimeBinaries
{
    public static RuntimeBinaries Debian { get; } = new();

    public string Containerd { get; init; } = "/usr/bin/containerd";

    public string Ctr { get; init; } = "/usr/bin/ctr";

    public string ContainerdShim { get; init; } = "/usr/bin/containerd-shim-runc-v2";

    public string Runc { get; init; } = "/usr/sbin/runc";

    public string CniBinDir { get; init; } = "/usr/lib/cni";

    public string Catatonit { get; init; } = "/usr/bin/catatonit";

    /// <summary>Sets the node-wide pod masquerade; ip6tables for an IPv6 pod CIDR.</summary>
    public string Iptables { get; init; } = "/usr/sbin/iptables";

    public string Ip6tables { get; init; } = "/usr/sbin/ip6tables";

    /// <summary>Each required file and the Debian package that installs it.</summary>
    public IEnumerable<(string Path, string Package)> Required() =>
    [
        (Containerd, "containerd"),
        (Ctr, "containerd"),
        (ContainerdShim, "containerd"),
        (Runc, "runc"),
        (Path.Combine(CniBinDir, "bridge"), "containernetworking-plugins"),
        (Path.Combine(CniBinDir, "host-local"), "containernetworking-plugins"),
        (Path.Combine(CniBinDir, "portmap"), "containernetworking-plugins"),
        (Path.Combine(CniBinDir, "loopback"), "containernetworking-plugins"),
        (Catatonit, "catatonit"),
    ];

    /// <summary>Throws <see cref="MissingRuntimeDependencyException"/> naming every package to install.</summary>
    public void EnsurePresent()
    {
        var missing = Required().Where(r => !File.Exists(r.Path)).ToList();
        if (missing.Count > 0)
        {
            throw new MissingRuntimeDependencyException(
                missing.Select(m => m.Path).ToList(),
                missing.Select(m => m.Package).Distinct(StringComparer.Ordinal).ToList());
        }
    }
}
