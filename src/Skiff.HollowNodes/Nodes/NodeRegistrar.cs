using System.Net;
using k8s;
using k8s.Models;

namespace Skiff.HollowNodes.Nodes;

/// <summary>Registers nodes as a kubelet does at start: the Node, its status, then its Lease; and removes them.</summary>
internal sealed class NodeRegistrar
{
    private const int RegisterAttempts = 3;

    private readonly IKubernetes _client;
    private readonly NodeBuilder _builder;
    private readonly HollowNodeOptions _options;
    private readonly TimeProvider _time;

    public NodeRegistrar(IKubernetes client, NodeBuilder builder, HollowNodeOptions options, TimeProvider time)
    {
        _client = client;
        _builder = builder;
        _options = options;
        _time = time;
    }

    public async Task RegisterAllAsync(NodeSet nodes, CancellationToken ct)
    {
        await EnsureLeaseNamespaceAsync(ct).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            nodes.All,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = ct },
            async (node, token) => await RegisterWithRetriesAsync(node, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    // One slow or failed request among thousands should not abort the whole start.
    private async Task RegisterWithRetriesAsync(HollowNode node, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RegisterAsync(node, ct).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < RegisterAttempts && !ct.IsCancellationRequested && e is not OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), _time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates the node, or adopts one of the same name left by an earlier run, and makes it Ready.</summary>
    public async Task RegisterAsync(HollowNode node, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        node.ReadySince = now;
        var status = _builder.Status(node.Index, now, now);
        var wanted = _builder.Node(node.Index);
        wanted.Status = KubernetesJson.Deserialize<V1NodeStatus>(status.ToJsonString());
        V1Node registered;
        var adopted = false;
        try
        {
            registered = await _client.CoreV1.CreateNodeAsync(wanted, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.Conflict(e))
        {
            registered = await _client.CoreV1.ReadNodeAsync(node.Name, cancellationToken: ct).ConfigureAwait(false);
            adopted = true;
        }

        node.Uid = registered.Metadata.Uid;

        // Upstream keeps the status a kubelet registers with; a server that drops it on create, or a node
        // left by an earlier run, gets it here.
        if (adopted || registered.Status?.Conditions is not { Count: > 0 })
        {
            var patch = new System.Text.Json.Nodes.JsonObject { ["status"] = status };
            await _client.CoreV1.PatchNodeStatusAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), node.Name, cancellationToken: ct).ConfigureAwait(false);
        }

        await CreateLeaseAsync(node, ct).ConfigureAwait(false);
    }

    public async Task CreateLeaseAsync(HollowNode node, CancellationToken ct)
    {
        var lease = LeaseBuilder.Lease(node.Name, node.Uid, null, _options.LeaseDuration, _time.GetUtcNow());
        try
        {
            var created = await _client.CoordinationV1.CreateNamespacedLeaseAsync(lease, LeaseBuilder.Namespace, cancellationToken: ct).ConfigureAwait(false);
            node.LeaseResourceVersion = created.Metadata.ResourceVersion;
        }
        catch (Exception e) when (ApiErrors.Conflict(e))
        {
            var existing = await _client.CoordinationV1.ReadNamespacedLeaseAsync(node.Name, LeaseBuilder.Namespace, cancellationToken: ct).ConfigureAwait(false);
            node.LeaseResourceVersion = existing.Metadata.ResourceVersion;
        }
    }

    public async Task<int> DeleteAllAsync(NodeSet nodes, CancellationToken ct)
    {
        var deleted = 0;
        await Parallel.ForEachAsync(
            nodes.All,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = ct },
            async (node, token) =>
            {
                // Nothing may collect leases owned by a deleted node yet, so they go explicitly, at the same time.
                var lease = IgnoreNotFoundAsync(() => _client.CoordinationV1.DeleteNamespacedLeaseAsync(node.Name, LeaseBuilder.Namespace, cancellationToken: token));
                if (await IgnoreNotFoundAsync(() => _client.CoreV1.DeleteNodeAsync(node.Name, cancellationToken: token)).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref deleted);
                }

                await lease.ConfigureAwait(false);
            }).ConfigureAwait(false);
        return deleted;
    }

    private async Task EnsureLeaseNamespaceAsync(CancellationToken ct)
    {
        try
        {
            await _client.CoreV1.ReadNamespaceAsync(LeaseBuilder.Namespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.NotFound(e))
        {
            var ns = new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = LeaseBuilder.Namespace } };
            try
            {
                await _client.CoreV1.CreateNamespaceAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (Exception created) when (ApiErrors.Is(created, HttpStatusCode.Conflict))
            {
            }
        }
    }

    private static async Task<bool> IgnoreNotFoundAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (ApiErrors.NotFound(e))
        {
            return false;
        }
    }
}
