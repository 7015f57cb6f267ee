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
    DateTime Now);
