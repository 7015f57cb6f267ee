using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Skiff.Kubelet.Node;

/// <summary>
/// Registers the node, renews its Lease in kube-node-lease every 10 s and writes its status when it changes and at
/// least every 5 minutes; learns the node's pod CIDR.
/// </summary>
/// <param name="kubeletPort">Reported as status.daemonEndpoints.kubeletEndpoint; the API server's kubelet proxy dials it.</param>
public sealed partial class NodeAgent(IKubernetes client, string nodeName, MachineInfo machine, string runtimeVersion, TimeProvider time, ILogger logger, int kubeletPort = NodeStatusBuilder.DefaultKubeletPort)
{
    private const string LeaseNamespace = "kube-node-lease";
    private static readonly TimeSpan LeaseInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StatusForceInterval = TimeSpan.FromMinutes(5);
    private const int LeaseDurationSeconds = 40;

    private string? _lastStatusKey;
    private DateTimeOffset _lastStatusWrite;

    public string NodeName => nodeName;

    public async Task RegisterAsync(CancellationToken ct)
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = nodeName,
                Labels = new Dictionary<string, string>
                {
                    ["kubernetes.io/hostname"] = nodeName,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = machine.Architecture,
                    ["beta.kubernetes.io/os"] = "linux",
                    ["beta.kubernetes.io/arch"] = machine.Architecture,
                },
                Annotations = new Dictionary<string, string> { ["node.alpha.kubernetes.io/ttl"] = "0" },
            },
        };
        try
        {
            await client.CoreV1.CreateNodeAsync(node, cancellationToken: ct).ConfigureAwait(false);
            LogRegistered(logger, nodeName);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Registered before: a restart of the same node keeps its object (and its pod CIDR).
        }

        await WriteStatusAsync(force: true, ct).ConfigureAwait(false);
        await RenewLeaseAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Renews the lease and refreshes status until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(LeaseInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await RenewLeaseAsync(ct).ConfigureAwait(false);
                    await WriteStatusAsync(force: false, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpOperationException or HttpRequestException)
                {
                    LogHeartbeatFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The node's pod CIDR: spec.podCIDR once a node-IPAM controller set it; with none after <paramref name="wait"/>,
    /// the first /24 of <paramref name="clusterCidr"/> (a single-node server), written into the node's spec.
    /// </summary>
    public async Task<IPNetwork?> PodCidrAsync(string? clusterCidr, TimeSpan wait, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var node = await client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: ct).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(node.Spec?.PodCIDR) && IPNetwork.TryParse(node.Spec.PodCIDR, out var assigned))
            {
                return assigned;
            }

            if (time.GetUtcNow() >= deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time, ct).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(clusterCidr) || !IPNetwork.TryParse(clusterCidr, out var cluster))
        {
            return null;
        }

        var first = FirstSubnet(cluster, 24);
        var text = first.ToString();
        var patch = $"{{\"spec\":{{\"podCIDR\":\"{text}\",\"podCIDRs\":[\"{text}\"]}}}}";
        await client.CoreV1.PatchNodeAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), nodeName, cancellationToken: ct).ConfigureAwait(false);
        LogPodCidrFallback(logger, text, clusterCidr);
        return first;
    }

    /// <summary>The first subnet of <paramref name="prefixLength"/> bits inside <paramref name="cluster"/> (or the range itself when smaller).</summary>
    public static IPNetwork FirstSubnet(IPNetwork cluster, int prefixLength) =>
        new(cluster.BaseAddress, Math.Max(prefixLength, cluster.PrefixLength));

    private async Task WriteStatusAsync(bool force, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var node = await client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: ct).ConfigureAwait(false);
        var wholeSeconds = new DateTime(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var status = NodeStatusBuilder.Build(nodeName, machine, runtimeVersion, node.Status?.Conditions, wholeSeconds, kubeletPort);
        var key = StatusKey(status);
        if (!force && key == _lastStatusKey && now - _lastStatusWrite < StatusForceInterval)
        {
            return;
        }

        var patch = KubernetesJson.Serialize(new { status });
        await client.CoreV1.PatchNodeStatusAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), nodeName, cancellationToken: ct).ConfigureAwait(false);
        _lastStatusKey = key;
        _lastStatusWrite = now;
    }

    /// <summary>The status without heartbeat times, so only a real change forces a write.</summary>
    private static string StatusKey(V1NodeStatus status)
    {
        var copy = KubernetesJson.Deserialize<V1NodeStatus>(KubernetesJson.Serialize(status));
        foreach (var condition in copy.Conditions)
        {
            condition.LastHeartbeatTime = null;
        }

        return KubernetesJson.Serialize(copy);
    }

    private async Task RenewLeaseAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(nodeName, LeaseNamespace, cancellationToken: ct).ConfigureAwait(false);
            lease.Spec ??= new V1LeaseSpec();
            lease.Spec.HolderIdentity = nodeName;
            lease.Spec.LeaseDurationSeconds = LeaseDurationSeconds;
            lease.Spec.RenewTime = now;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, nodeName, LeaseNamespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            var node = await client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: ct).ConfigureAwait(false);
            await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
            {
                Metadata = new V1ObjectMeta
                {
                    Name = nodeName,
                    NamespaceProperty = LeaseNamespace,
                    OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = node.Metadata.Uid }],
                },
                Spec = new V1LeaseSpec { HolderIdentity = nodeName, LeaseDurationSeconds = LeaseDurationSeconds, RenewTime = now },
            }, LeaseNamespace, cancellationToken: ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "registered node {Node}")]
    private static partial void LogRegistered(ILogger logger, string node);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "node heartbeat failed: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 52, Level = LogLevel.Warning, Message = "no pod CIDR was assigned to this node; using {Cidr}, the first /24 of --cluster-cidr {Cluster}")]
    private static partial void LogPodCidrFallback(ILogger logger, string cidr, string cluster);
}
