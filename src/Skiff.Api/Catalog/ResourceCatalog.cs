using System.Collections.Immutable;

namespace Skiff.Api.Catalog;

/// <summary>
/// Every resource the API serves, built-in and custom. Reads take an immutable snapshot so request
/// paths never lock; CRDs add and remove entries at run time.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly object _writeLock = new();
    private ImmutableList<ResourceInfo> _all;

    public ResourceCatalog(IEnumerable<ResourceInfo> resources)
    {
        _all = [.. resources];
    }

    /// <summary>Raised after every add or remove, so discovery and OpenAPI can rebuild their documents.</summary>
    public event Action? Changed;

    /// <summary>Increases on every add or remove; a cheap cache key for derived documents.</summary>
    public long Generation { get; private set; }

    public IReadOnlyList<ResourceInfo> All => _all;

    public static ResourceCatalog CreateBuiltIn() => new(BuiltInResources.All);

    public ResourceInfo? Find(string group, string version, string resource)
    {
        foreach (var r in _all)
        {
            if (r.Resource == resource && r.Version == version && r.Group == group)
            {
                return r;
            }
        }

        return null;
    }

    public ResourceInfo? FindByKind(string group, string version, string kind)
    {
        foreach (var r in _all)
        {
            if (r.Kind == kind && r.Version == version && r.Group == group)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>Adds or replaces the entry with the same group, version and resource.</summary>
    public void AddOrReplace(ResourceInfo info)
    {
        lock (_writeLock)
        {
            var existing = _all.FindIndex(r => r.Group == info.Group && r.Version == info.Version && r.Resource == info.Resource);
            _all = existing >= 0 ? _all.SetItem(existing, info) : _all.Add(info);
            Generation++;
        }

        Changed?.Invoke();
    }

    /// <summary>Removes every version of a group's resource.</summary>
    public void Remove(string group, string resource)
    {
        lock (_writeLock)
        {
            _all = _all.RemoveAll(r => r.Group == group && r.Resource == resource);
            Generation++;
        }

        Changed?.Invoke();
    }
}
