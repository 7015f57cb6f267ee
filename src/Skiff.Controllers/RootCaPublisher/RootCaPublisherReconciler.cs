using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.RootCaPublisher;

/// <summary>
/// Keeps kube-root-ca.crt in each active namespace holding exactly the cluster CA under "ca.crt": created when
/// missing, put back when edited, re-created when deleted.
/// </summary>
internal sealed class RootCaPublisherReconciler(ILister<V1Namespace> namespaces, ILister<V1ConfigMap> maps, IRootCaClient client, string caBundle) : IReconciler
{
    public const string MapName = "kube-root-ca.crt";
    public const string Key = "ca.crt";

    /// <summary>Keys are namespaces (cluster-scoped names).</summary>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var ns = namespaces.Get(null, key.Name);
        if (ns is null || ns.Metadata.DeletionTimestamp is not null || ns.Status?.Phase == "Terminating")
        {
            return ReconcileResult.Done;
        }

        var existing = maps.Get(key.Name, MapName);
        if (existing is null)
        {
            await client.CreateAsync(key.Name, Desired(key.Name, null), ct).ConfigureAwait(false);
        }
        else if (existing.Data is null || existing.Data.Count != 1 || !existing.Data.TryGetValue(Key, out var ca) || ca != caBundle)
        {
            await client.ReplaceAsync(key.Name, Desired(key.Name, existing), ct).ConfigureAwait(false);
        }

        return ReconcileResult.Done;
    }

    /// <summary>A change to a namespace's kube-root-ca.crt queues its namespace.</summary>
    public static IEnumerable<ObjectKey> NamespaceOf(V1ConfigMap map) =>
        map.Metadata?.Name == MapName && map.Metadata.NamespaceProperty is { Length: > 0 } ns ? [new ObjectKey(null, ns)] : [];

    private V1ConfigMap Desired(string ns, V1ConfigMap? existing) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = MapName,
            NamespaceProperty = ns,
            ResourceVersion = existing?.Metadata.ResourceVersion,
            Labels = existing?.Metadata.Labels,
            Annotations = existing?.Metadata.Annotations,
        },
        Data = new Dictionary<string, string> { [Key] = caBundle },
    };
}
