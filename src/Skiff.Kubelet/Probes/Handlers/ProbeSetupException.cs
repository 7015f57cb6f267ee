namespace Skiff.Kubelet.Probes.Handlers;

/// <summary>A probe or hook that cannot be run as written (an unknown named port, no pod IP yet).</summary>
public sealed class ProbeSetupException(string message) : Exception(message);
