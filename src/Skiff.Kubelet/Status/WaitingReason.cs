namespace Skiff.Kubelet.Status;

/// <summary>Why a container is not running right now (ErrImagePull, CrashLoopBackOff, ...), as status shows it.</summary>
public sealed record WaitingReason(string Reason, string Message);
