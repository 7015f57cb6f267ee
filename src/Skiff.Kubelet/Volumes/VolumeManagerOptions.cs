using k8s.Models;

namespace Skiff.Kubelet.Volumes;

public sealed class VolumeManagerOptions
{
    /// <summary>How often mounted configMap, secret, downwardAPI and projected volumes are re-read (upstream syncs within about a minute).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Secret volumes on tmpfs as upstream, so secrets never reach disk; needs root to mount. Null: when running as root.</summary>
    public bool? SecretsOnTmpfs { get; init; }

    /// <summary>The node's allocatable resources, for downwardAPI limits a container leaves unset.</summary>
    public Func<IReadOnlyDictionary<string, ResourceQuantity>?> NodeAllocatable { get; init; } = () => null;
}
