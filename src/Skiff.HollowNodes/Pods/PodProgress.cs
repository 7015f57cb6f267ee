namespace Skiff.HollowNodes.Pods;

/// <summary>How far a hollow kubelet has taken a pod.</summary>
internal enum PodProgress
{
    Pending,
    Running,
    Finished,
}
