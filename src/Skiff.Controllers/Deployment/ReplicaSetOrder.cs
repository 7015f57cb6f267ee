using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>The orders upstream sorts ReplicaSets in: total orders, so the unstable sort it uses decides nothing.</summary>
internal static class ReplicaSetOrder
{
    /// <summary>Oldest first; equal timestamps by name.</summary>
    public static int ByCreation(V1ReplicaSet a, V1ReplicaSet b)
    {
        var byTime = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
    }

    /// <summary>Largest first; equal sizes oldest first (scaling down takes from older sets first).</summary>
    public static int BySizeOlder(V1ReplicaSet a, V1ReplicaSet b)
    {
        var bySize = Replicas.Of(b).CompareTo(Replicas.Of(a));
        return bySize != 0 ? bySize : ByCreation(a, b);
    }

    /// <summary>Largest first; equal sizes newest first (scaling up gives to newer sets first).</summary>
    public static int BySizeNewer(V1ReplicaSet a, V1ReplicaSet b)
    {
        var bySize = Replicas.Of(b).CompareTo(Replicas.Of(a));
        return bySize != 0 ? bySize : ByCreation(b, a);
    }

    /// <summary>Lowest revision first; equal revisions oldest first.</summary>
    public static int ByRevision(V1ReplicaSet a, V1ReplicaSet b)
    {
        var byRevision = Revisions.Of(a).CompareTo(Revisions.Of(b));
        return byRevision != 0 ? byRevision : ByCreation(a, b);
    }
}
