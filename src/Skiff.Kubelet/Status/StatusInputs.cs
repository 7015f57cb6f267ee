using k8s.Models;
using Skiff.Kubelet.Pods;

namespace Skiff.Kubelet.Status;

/// <summary>Everything a pod's status is computed from at one moment.</summary>
public sealed record StatusInputs(
    V1Pod Pod,
    RuntimePod Runtime,
    IReadOnlyDictionary<string, WaitingReason> Waiting,
    Func<string, bool> IsReady,
    Func<string, bool?> IsStarted,
    string? HostIp,
    DateTime Now)
{
    /// <summary>What a container wrote to its termination log (by name and restart count), if anything.</summary>
    public Func<string, int, string?> TerminationMessage { get; init; } = (_, _) => null;
}
