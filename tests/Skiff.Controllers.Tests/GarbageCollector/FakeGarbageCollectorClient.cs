using k8s.Models;
using Skiff.Client.Informers;
using Skiff.Controllers.Dynamic;
using Skiff.Controllers.GarbageCollector;

namespace Skiff.Controllers.Tests.GarbageCollector;

/// <summary>The API as the collector sees it: live objects by resource, namespace and name, and a log of writes.</summary>
internal sealed class FakeGarbageCollectorClient : IGarbageCollectorClient
{
    private readonly Dictionary<(string Plural, string? Ns, string Name), PartialObject> _live = [];

    public List<(string Name, string Policy)> Deletes { get; } = [];

    public List<(string Name, IReadOnlyList<V1OwnerReference> Owners)> OwnerWrites { get; } = [];

    public List<(string Name, string Finalizer)> FinalizerRemovals { get; } = [];

    public int Gets { get; private set; }

    public PartialObject Put(ApiResource resource, string? ns, string name, string uid, IList<V1OwnerReference>? owners = null, IList<string>? finalizers = null, bool deleting = false)
    {
        var obj = new PartialObject
        {
            ApiVersion = resource.GroupVersion,
            Kind = resource.Kind,
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Uid = uid,
                ResourceVersion = "1",
                OwnerReferences = owners,
                Finalizers = finalizers,
                DeletionTimestamp = deleting ? DateTime.UtcNow : null,
            },
        };
        _live[(resource.Plural, resource.Namespaced ? ns : null, name)] = obj;
        return obj;
    }

    public void Remove(ApiResource resource, string? ns, string name) => _live.Remove((resource.Plural, resource.Namespaced ? ns : null, name));

    public Task<PartialObject?> GetAsync(ApiResource resource, string? ns, string name, CancellationToken ct)
    {
        Gets++;
        return Task.FromResult(_live.GetValueOrDefault((resource.Plural, resource.Namespaced ? ns : null, name)));
    }

    public Task DeleteAsync(ApiResource resource, ObjectIdentity target, string propagationPolicy, CancellationToken ct)
    {
        Deletes.Add((target.Name, propagationPolicy));
        return Task.CompletedTask;
    }

    public Task SetOwnerReferencesAsync(ApiResource resource, PartialObject latest, IReadOnlyList<V1OwnerReference> owners, CancellationToken ct)
    {
        OwnerWrites.Add((latest.Metadata.Name, owners));
        return Task.CompletedTask;
    }

    public Task RemoveFinalizerAsync(ApiResource resource, PartialObject latest, string finalizer, CancellationToken ct)
    {
        FinalizerRemovals.Add((latest.Metadata.Name, finalizer));
        return Task.CompletedTask;
    }
}
