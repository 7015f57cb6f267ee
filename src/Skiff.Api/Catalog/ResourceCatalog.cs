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
    // A reference type on purpose: readers on other threads must never see a half-written pair.
    private Tuple<ImmutableList<ResourceInfo>, IReadOnlyList<ApiGroupInfo>>? _groups;

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

    /// <summary>
    /// The named groups as /apis lists them: built-in groups in upstream's fixed order, then the
    /// others (custom resources) by name; each with its versions, preferred first.
    /// </summary>
    public IReadOnlyList<ApiGroupInfo> Groups()
    {
        // Rebuilt only when the snapshot changes; request paths ask for this on every resolve.
        var snapshot = _all;
        if (_groups is { } cached && ReferenceEquals(cached.Item1, snapshot))
        {
            return cached.Item2;
        }

        var groups = BuildGroups(snapshot);
        _groups = Tuple.Create(snapshot, (IReadOnlyList<ApiGroupInfo>)groups);
        return groups;
    }

    private static List<ApiGroupInfo> BuildGroups(ImmutableList<ResourceInfo> all)
    {
        var served = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var r in all)
        {
            if (r.Group.Length == 0)
            {
                continue;
            }

            if (!served.TryGetValue(r.Group, out var versions))
            {
                served[r.Group] = versions = new HashSet<string>(StringComparer.Ordinal);
            }

            versions.Add(r.Version);
        }

        var result = new List<ApiGroupInfo>();
        foreach (var (group, order) in BuiltInResources.GroupOrder)
        {
            if (served.Remove(group, out var versions))
            {
                result.Add(new ApiGroupInfo(group, OrderVersions(versions, order)));
            }
        }

        foreach (var group in served.Keys.Order(StringComparer.Ordinal))
        {
            result.Add(new ApiGroupInfo(group, OrderVersions(served[group], [])));
        }

        return result;
    }

    /// <summary>The preferred version of a group ("v1" for the core group), or null when the group is not served.</summary>
    public string? PreferredVersion(string group)
    {
        if (group.Length == 0)
        {
            return _all.Any(r => r.Group.Length == 0) ? "v1" : null;
        }

        return Groups().FirstOrDefault(g => g.Name == group)?.PreferredVersion;
    }

    /// <summary>The resources of one group-version, in catalog order (what /apis/{group}/{version} lists).</summary>
    public IReadOnlyList<ResourceInfo> InGroupVersion(string group, string version) =>
        _all.Where(r => r.Group == group && r.Version == version).ToList();

    /// <summary>A resource of a group at the group's preferred version.</summary>
    public ResourceInfo? FindPreferred(string group, string resource)
    {
        var version = PreferredVersion(group);
        return version is null ? null : Find(group, version, resource);
    }

    /// <summary>
    /// Resolves a name as kubectl does: plural, singular, short name or kind, ignoring case, at
    /// the preferred version; the core group wins, then groups in /apis order. A group, when
    /// given, narrows the search to it.
    /// </summary>
    public ResourceInfo? Resolve(string name, string? group = null)
    {
        var groups = new List<ApiGroupInfo> { new(string.Empty, ["v1"]) };
        groups.AddRange(Groups());
        foreach (var g in groups)
        {
            if (group is not null && !string.Equals(g.Name, group, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = _all.FirstOrDefault(r => r.Group == g.Name && r.Version == g.PreferredVersion && r.IsNamedBy(name));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The resource (at its group's preferred version) that declares this short name, ignoring case.</summary>
    public ResourceInfo? FindByShortName(string shortName)
    {
        var match = _all.FirstOrDefault(r => r.ShortNames.Contains(shortName, StringComparer.OrdinalIgnoreCase));
        return match is null ? null : FindPreferred(match.Group, match.Resource) ?? match;
    }

    /// <summary>
    /// The resources a category names ("kubectl get all"), each at its group's preferred version,
    /// core group first and then in /apis order.
    /// </summary>
    public IReadOnlyList<ResourceInfo> InCategory(string category)
    {
        var result = new List<ResourceInfo>();
        foreach (var (group, version) in new[] { (string.Empty, "v1") }.Concat(Groups().Select(g => (g.Name, g.PreferredVersion))))
        {
            result.AddRange(_all.Where(r => r.Group == group && r.Version == version && r.Categories.Contains(category, StringComparer.Ordinal)));
        }

        return result;
    }

    private static List<string> OrderVersions(HashSet<string> versions, IReadOnlyList<string> knownOrder)
    {
        var ordered = knownOrder.Where(versions.Contains).ToList();
        ordered.AddRange(versions.Except(ordered).Order(KubeVersionComparer.Instance));
        return ordered;
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

    /// <summary>Removes one version of a group's resource (a CRD version that stopped being served).</summary>
    public void Remove(string group, string version, string resource)
    {
        lock (_writeLock)
        {
            _all = _all.RemoveAll(r => r.Group == group && r.Version == version && r.Resource == resource);
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
