namespace Skiff.HollowNodes.Pods;

/// <summary>How far a hollow kubelet has taken a pod.</summary>
public enum PodProgress
{
    Pending,
    Running,
    Finished,
}
