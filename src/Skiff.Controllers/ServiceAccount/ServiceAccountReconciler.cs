using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.ServiceAccount;

/// <summary>Keeps a "default" ServiceAccount in every active namespace, creating it again when it is deleted.</summary>
internal sealed class ServiceAccountReconciler(ILister<V1Namespace> namespaces, ILister<V1ServiceAccount> accounts, IServiceAccountClient client) : IReconciler
{
    public const string DefaultName = "default";

    /// <summary>Keys are namespaces (cluster-scoped names).</summary>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var ns = namespaces.Get(null, key.Name);
        if (ns is null || ns.Metadata.DeletionTimestamp is not null || ns.Status?.Phase == "Terminating")
        {
            return ReconcileResult.Done;
        }

        if (accounts.Get(key.Name, DefaultName) is not null)
        {
            return ReconcileResult.Done;
        }

        var account = new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta { Name = DefaultName, NamespaceProperty = key.Name },
        };
        await client.CreateAsync(key.Name, account, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>A change to a namespace's default account queues its namespace.</summary>
    public static IEnumerable<ObjectKey> NamespaceOf(V1ServiceAccount account) =>
        account.Metadata?.Name == DefaultName && account.Metadata.NamespaceProperty is { Length: > 0 } ns ? [new ObjectKey(null, ns)] : [];
}
