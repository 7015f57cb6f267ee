using k8s.Models;
using Skiff.Client.Informers;
using Skiff.Controllers.Dynamic;
using Skiff.Controllers.Namespace;

namespace Skiff.Controllers.Tests.Namespace;

/// <summary>
/// One namespace and its content. Deleting removes objects unless they carry finalizers (those only get a
/// deletionTimestamp), as the API server does.
/// </summary>
internal sealed class FakeNamespaceClient(V1Namespace ns, DiscoveryResult discovery) : INamespaceClient
{
    public Dictionary<string, List<PartialObject>> Content { get; } = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    public List<V1Namespace> StatusWrites { get; } = [];

    public List<IList<string>> Finalized { get; } = [];

    public Exception? DiscoveryError { get; set; }

    /// <summary>Resources whose items refuse to go without failing (a broken storage, say).</summary>
    public HashSet<string> Stubborn { get; } = [];

    public int FinalizeConflicts { get; set; }

    public void Add(ApiResource resource, string name, params string[] finalizers) =>
        Items(resource).Add(new PartialObject { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns.Metadata.Name, Finalizers = finalizers } });

    public Task<DiscoveryResult> DiscoverAsync(CancellationToken ct) =>
        DiscoveryError is null ? Task.FromResult(discovery) : Task.FromException<DiscoveryResult>(DiscoveryError);

    public Task<V1Namespace?> GetAsync(string name, CancellationToken ct) =>
        Task.FromResult(name == ns.Metadata.Name ? Copy(ns) : null);

    public Task<V1Namespace> UpdateStatusAsync(V1Namespace updated, CancellationToken ct)
    {
        StatusWrites.Add(Copy(updated));
        ns.Status = Copy(updated).Status;
        return Task.FromResult(Copy(ns));
    }

    public Task FinalizeAsync(V1Namespace updated, CancellationToken ct)
    {
        if (FinalizeConflicts > 0)
        {
            FinalizeConflicts--;
            throw new ApiStatusException(409, "Conflict", "the object has been modified");
        }

        Finalized.Add([.. updated.Spec.Finalizers]);
        return Task.CompletedTask;
    }

    public Task DeleteCollectionAsync(ApiResource resource, string name, CancellationToken ct)
    {
        Calls.Add($"deletecollection {resource.Plural}");
        DeleteAll(resource, _ => true);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PartialObject>> ListAsync(ApiResource resource, string name, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PartialObject>>([.. Items(resource)]);

    public Task DeleteAsync(ApiResource resource, string name, string item, CancellationToken ct)
    {
        Calls.Add($"delete {resource.Plural}/{item}");
        DeleteAll(resource, o => o.Metadata.Name == item);
        return Task.CompletedTask;
    }

    private void DeleteAll(ApiResource resource, Func<PartialObject, bool> match)
    {
        if (Stubborn.Contains(resource.Plural))
        {
            return;
        }

        var items = Items(resource);
        foreach (var item in items.Where(match).ToList())
        {
            if (item.Metadata.Finalizers is { Count: > 0 })
            {
                item.Metadata.DeletionTimestamp ??= DateTime.UtcNow;
            }
            else
            {
                items.Remove(item);
            }
        }
    }

    private List<PartialObject> Items(ApiResource resource)
    {
        if (!Content.TryGetValue(resource.Plural, out var items))
        {
            items = [];
            Content[resource.Plural] = items;
        }

        return items;
    }

    private static V1Namespace Copy(V1Namespace source) => k8s.KubernetesJson.Deserialize<V1Namespace>(k8s.KubernetesJson.Serialize(source));
}
