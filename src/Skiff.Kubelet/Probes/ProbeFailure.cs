namespace Skiff.Kubelet.Probes;

/// <summary>A container whose liveness or startup probe failed; message is what the Unhealthy event says.</summary>
public sealed record ProbeFailure(string PodUid, string ContainerName, string ContainerId, string ProbeType, string Message);
