using k8s.Models;
using Skiff.Api.Selectors;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// Decides which ReplicaSets a Deployment owns, as upstream's ControllerRefManager: its own sets that still match stay,
/// its own sets that stopped matching are released, matching orphans are adopted, sets of other controllers are left alone.
/// </summary>
internal static class ReplicaSetClaimer
{
    public static async Task<List<V1ReplicaSet>> ClaimAsync(
        V1Deployment d, LabelSelector selector, IEnumerable<V1ReplicaSet> candidates, IDeploymentWriter writer, CancellationToken ct)
    {
        var claimed = new List<V1ReplicaSet>();
        bool? canAdopt = null;
        foreach (var rs in candidates)
        {
            var owner = Ownership.ControllerOf(rs);
            var matches = Selectors.Matches(selector, rs);
            if (owner is not null)
            {
                if (owner.Uid != d.Metadata.Uid)
                {
                    continue;
                }

                if (matches)
                {
                    claimed.Add(ModelCopy.Of(rs));
                }
                else if (d.Metadata.DeletionTimestamp is null)
                {
                    await writer.ReleaseReplicaSetAsync(rs, d.Metadata.Uid, ct);
                }

                continue;
            }

            if (!matches || d.Metadata.DeletionTimestamp is not null || rs.Metadata.DeletionTimestamp is not null)
            {
                continue;
            }

            // Adoption rechecks the Deployment past the cache once, so a Deployment already deleted never takes sets.
            canAdopt ??= await CanAdoptAsync(d, writer, ct);
            if (canAdopt != true)
            {
                continue;
            }

            if (await writer.AdoptReplicaSetAsync(rs, Ownership.ControllerReference(d), ct) is { } adopted)
            {
                claimed.Add(adopted);
            }
        }

        return claimed;
    }

    private static async Task<bool> CanAdoptAsync(V1Deployment d, IDeploymentWriter writer, CancellationToken ct)
    {
        var fresh = await writer.GetDeploymentAsync(d.Metadata.NamespaceProperty, d.Metadata.Name, ct);
        return fresh is not null && fresh.Metadata.Uid == d.Metadata.Uid && fresh.Metadata.DeletionTimestamp is null;
    }
}
