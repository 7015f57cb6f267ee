using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// Applies a change of .spec.replicas to the sets a Deployment runs: all of it to a lone active set, and in the middle
/// of a rolling update spread over the active sets in proportion to their share of the size before the change.
/// </summary>
internal static class ProportionalScaler
{
    public static async Task ScaleAsync(RolloutContext ctx, V1ReplicaSet? newSet, List<V1ReplicaSet> old, CancellationToken ct)
    {
        var d = ctx.Deployment;
        var desired = Replicas.Desired(d);
        if (ActiveOrLatest(newSet, old) is { } single)
        {
            if (Replicas.Of(single) != desired)
            {
                await ReplicaSetScaler.ScaleIfNeededAsync(ctx, single, desired, ct);
            }

            return;
        }

        // A saturated new set (an adoption, typically) means every old set should be gone.
        if (IsSaturated(d, newSet))
        {
            foreach (var rs in Replicas.Active(old))
            {
                await ReplicaSetScaler.ScaleIfNeededAsync(ctx, rs, 0, ct);
            }

            return;
        }

        if (!Fenceposts.IsRollingUpdate(d))
        {
            return;
        }

        var active = Replicas.Active([.. old, newSet]);
        var allowed = desired > 0 ? desired + Fenceposts.MaxSurge(d) : 0;
        var toAdd = allowed - Replicas.SpecTotal(active);
        var operation = string.Empty;
        if (toAdd > 0)
        {
            active.Sort(ReplicaSetOrder.BySizeNewer);
            operation = "up";
        }
        else if (toAdd < 0)
        {
            active.Sort(ReplicaSetOrder.BySizeOlder);
            operation = "down";
        }

        var sizes = Distribute(d, active, toAdd);
        for (var i = 0; i < active.Count; i++)
        {
            await ReplicaSetScaler.ScaleAsync(ctx, active[i], sizes[i], operation, ct);
        }
    }

    /// <summary>
    /// New sizes for <paramref name="active"/> (already in scaling order): each set's proportional share, rounded,
    /// never more in total than <paramref name="toAdd"/>; what rounding leaves over goes to the first set.
    /// </summary>
    public static int[] Distribute(V1Deployment d, IReadOnlyList<V1ReplicaSet> active, int toAdd)
    {
        var sizes = new int[active.Count];
        var added = 0;
        for (var i = 0; i < active.Count; i++)
        {
            var proportion = toAdd == 0 ? 0 : Proportion(active[i], d, toAdd, added);
            sizes[i] = Replicas.Of(active[i]) + proportion;
            added += proportion;
        }

        if (active.Count > 0 && toAdd != 0)
        {
            sizes[0] = Math.Max(0, sizes[0] + toAdd - added);
        }

        return sizes;
    }

    private static int Proportion(V1ReplicaSet rs, V1Deployment d, int toAdd, int added)
    {
        if (Replicas.Of(rs) == 0 || toAdd == added)
        {
            return 0;
        }

        var fraction = Fraction(rs, d);
        var allowed = toAdd - added;

        // Never past what is left to add (scaling up) or to remove (scaling down).
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    /// <summary>How many replicas the set gains (or loses) to keep its share of the Deployment's maximum size.</summary>
    private static int Fraction(V1ReplicaSet rs, V1Deployment d)
    {
        var size = Replicas.Of(rs);
        if (Replicas.Desired(d) == 0)
        {
            return -size;
        }

        var maxNow = Replicas.Desired(d) + Fenceposts.MaxSurge(d);

        // Without the annotation (or after a scale to zero wrote 0 there) the last observed size stands in.
        var maxBefore = ReplicaSetAnnotations.ReadInt(rs, DeploymentAnnotations.MaxReplicas) is { } max and not 0
            ? max
            : d.Status?.Replicas ?? 0;
        if (maxBefore == 0)
        {
            return 0;
        }

        var scaled = (double)size * maxNow / maxBefore;
        return (int)Math.Round(scaled, MidpointRounding.AwayFromZero) - size;
    }

    /// <summary>The only active set; with none active, the new set or else the newest old one; null with several active.</summary>
    private static V1ReplicaSet? ActiveOrLatest(V1ReplicaSet? newSet, List<V1ReplicaSet> old)
    {
        if (newSet is null && old.Count == 0)
        {
            return null;
        }

        var newestFirst = old.ToList();
        newestFirst.Sort((a, b) => ReplicaSetOrder.ByCreation(b, a));
        var active = Replicas.Active([.. newestFirst, newSet]);
        return active.Count switch
        {
            0 => newSet ?? newestFirst[0],
            1 => active[0],
            _ => null,
        };
    }

    private static bool IsSaturated(V1Deployment d, V1ReplicaSet? rs)
    {
        if (rs is null || ReplicaSetAnnotations.ReadInt(rs, DeploymentAnnotations.DesiredReplicas) is not { } desiredBefore)
        {
            return false;
        }

        var desired = Replicas.Desired(d);
        return Replicas.Of(rs) == desired && desiredBefore == desired && Replicas.Available(rs) == desired;
    }
}
