using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;
using Skiff.Client.Events;

namespace Skiff.Controllers.NodeIpam;

/// <summary>
/// Upstream's range allocator: every node without a pod CIDR gets the next free subnet of the cluster CIDR;
/// a deleted node's subnet goes back to the range.
/// </summary>
internal sealed class NodeIpamReconciler(ILister<V1Node> nodes, CidrSet cidrs, INodeIpamClient client, IEventRecorder events) : IReconciler
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _assigned = [];
    private bool _loaded;

    /// <summary>Keys are node names.</summary>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        string? cidr;
        var node = nodes.Get(null, key.Name);
        lock (_lock)
        {
            LoadExisting();
            if (node is null || node.Metadata.DeletionTimestamp is not null)
            {
                if (node is null && _assigned.Remove(key.Name, out var released))
                {
                    cidrs.Release(released);
                }

                return ReconcileResult.Done;
            }

            if (node.Spec?.PodCIDR is { Length: > 0 } existing)
            {
                Record(key.Name, existing);
                return ReconcileResult.Done;
            }

            // A subnet handed out earlier whose patch the cache does not show yet is sent again, not replaced.
            if (!_assigned.TryGetValue(key.Name, out cidr))
            {
                cidr = cidrs.Allocate();
                if (cidr is not null)
                {
                    _assigned[key.Name] = cidr;
                }
            }
        }

        if (cidr is null)
        {
            events.Record(node, "Normal", "CIDRNotAvailable", $"Node {key.Name} status is now: CIDRNotAvailable");
            return ReconcileResult.Done;
        }

        await client.SetPodCidrAsync(key.Name, cidr, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>
    /// Marks every subnet the nodes already hold before the first allocation, so a restart never hands out a
    /// subnet that is in use (upstream does the same when the allocator starts).
    /// </summary>
    private void LoadExisting()
    {
        if (_loaded)
        {
            return;
        }

        foreach (var node in nodes.List())
        {
            if (node.Spec?.PodCIDR is { Length: > 0 } existing)
            {
                Record(node.Metadata.Name, existing);
            }
        }

        _loaded = true;
    }

    private void Record(string name, string cidr)
    {
        if (_assigned.TryGetValue(name, out var previous) && previous != cidr)
        {
            cidrs.Release(previous);
        }

        // Subnets outside the cluster CIDR (a node that chose its own) are kept by the node and not tracked.
        if (cidrs.Occupy(cidr))
        {
            _assigned[name] = cidr;
        }
        else
        {
            _assigned.Remove(name);
        }
    }
}
