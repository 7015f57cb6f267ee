using k8s.Models;

namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>Upstream's toleration rules: an empty effect tolerates every effect, an empty key with Exists every key.</summary>
internal static class TolerationMatcher
{
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? string.Empty) == (taint.Value ?? string.Empty),
            "Exists" => true,
            _ => false,
        };
    }

    public static bool AnyTolerates(IList<V1Toleration>? tolerations, V1Taint taint)
    {
        if (tolerations is null)
        {
            return false;
        }

        for (var i = 0; i < tolerations.Count; i++)
        {
            if (Tolerates(tolerations[i], taint))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first taint, in the node's order, that blocks scheduling (NoSchedule, NoExecute) and no toleration covers.</summary>
    public static V1Taint? FirstUntoleratedNoScheduleTaint(IList<V1Taint>? taints, IList<V1Toleration>? tolerations)
    {
        if (taints is null)
        {
            return null;
        }

        // Indexed: filters call this for every node, and enumerating through the interface allocates.
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (taint.Effect is "NoSchedule" or "NoExecute" && !AnyTolerates(tolerations, taint))
            {
                return taint;
            }
        }

        return null;
    }

    /// <summary>The first of <paramref name="taints"/> (already only the blocking ones) that no toleration covers.</summary>
    public static V1Taint? FirstUntolerated(V1Taint[] taints, IList<V1Toleration>? tolerations)
    {
        foreach (var taint in taints)
        {
            if (!AnyTolerates(tolerations, taint))
            {
                return taint;
            }
        }

        return null;
    }
}
