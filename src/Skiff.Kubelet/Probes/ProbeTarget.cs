using k8s.Models;

namespace Skiff.Kubelet.Probes;

/// <summary>The running container a probe or hook is aimed at.</summary>
public sealed record ProbeTarget(V1Pod Pod, V1Container Container, string ContainerId, string? PodIp);
