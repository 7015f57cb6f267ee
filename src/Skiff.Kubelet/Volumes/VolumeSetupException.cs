namespace Skiff.Kubelet.Volumes;

/// <summary>A volume that cannot be set up yet; the pod waits (ContainerCreating) and the event shows the message.</summary>
public sealed class VolumeSetupException(string reason, string message) : Exception(message)
{
    /// <summary>Upstream's event reason, e.g. "FailedMount".</summary>
    public string Reason { get; } = reason;
}
