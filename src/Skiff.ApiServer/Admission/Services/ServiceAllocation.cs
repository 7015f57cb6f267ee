namespace Skiff.ApiServer.Admission.Services;

/// <summary>One value a Service holds: a cluster IP (by offset in the service range) or a node port.</summary>
public readonly record struct ServiceAllocation(bool IsClusterIp, int Value);
