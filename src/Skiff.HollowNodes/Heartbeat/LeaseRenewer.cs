using k8s;
using Skiff.HollowNodes.Http;
using Skiff.HollowNodes.Nodes;
using Skiff.HollowNodes.Scheduling;

namespace Skiff.HollowNodes.Heartbeat;

/// <summary>
/// Renews each node's Lease as kubelet's node lease controller does: an update of the copy it last wrote, a
/// fresh read on conflict, a create if someone deleted it.
/// </summary>
internal sealed class LeaseRenewer
{
    private readonly IKubernetes _client;
    private readonly LeanWrites _writes;
    private readonly NodeSet _nodes;
    private readonly NodeRegistrar _registrar;
    private readonly HollowNodeOptions _options;
    private readonly TimeProvider _time;
    private readonly FailureCounter _failures;
    private long _renewals;

    public LeaseRenewer(IKubernetes client, NodeSet nodes, NodeRegistrar registrar, HollowNodeOptions options, TimeProvider time, FailureCounter failures)
    {
        _client = client;
        _writes = new LeanWrites(client);
        _nodes = nodes;
        _registrar = registrar;
        _options = options;
        _time = time;
        _failures = failures;
    }

    public long Renewals => Interlocked.Read(ref _renewals);

    public SpreadSchedule Schedule() =>
        new(_nodes.Count, _options.LeaseRenewInterval, _options.Parallelism, _time, RenewAsync);

    public async Task RenewAsync(int index, CancellationToken ct)
    {
        var node = _nodes[index];
        try
        {
            try
            {
                await UpdateAsync(node, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (ApiErrors.Conflict(e))
            {
                var current = await _client.CoordinationV1.ReadNamespacedLeaseAsync(node.Name, LeaseBuilder.Namespace, cancellationToken: ct).ConfigureAwait(false);
                node.LeaseResourceVersion = current.Metadata.ResourceVersion;
                await UpdateAsync(node, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (ApiErrors.NotFound(e))
            {
                await _registrar.CreateLeaseAsync(node, ct).ConfigureAwait(false);
            }

            Interlocked.Increment(ref _renewals);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _failures.Record("lease renewal", node.Name, e);
        }
    }

    private async Task UpdateAsync(HollowNode node, CancellationToken ct)
    {
        if (node.LeaseResourceVersion is null)
        {
            await _registrar.CreateLeaseAsync(node, ct).ConfigureAwait(false);
            return;
        }

        var lease = LeaseBuilder.Lease(node.Name, node.Uid, node.LeaseResourceVersion, _options.LeaseDuration, _time.GetUtcNow());
        node.LeaseResourceVersion = await _writes.ReplaceLeaseAsync(LeaseBuilder.Namespace, node.Name, KubernetesJson.Serialize(lease), ct).ConfigureAwait(false);
    }
}
