using k8s.Models;

namespace Skiff.Kubelet.Containers;

/// <summary>What a container's environment is computed from besides its spec.</summary>
public sealed record EnvContext(
    V1Pod Pod,
    string? PodIp,
    string? HostIp,
    IReadOnlyList<V1Service> Services,
    IDictionary<string, ResourceQuantity> NodeAllocatable);
