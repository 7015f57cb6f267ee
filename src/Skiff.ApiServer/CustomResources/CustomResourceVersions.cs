using System.Collections.Concurrent;
using Skiff.Api.Catalog;

namespace Skiff.ApiServer.CustomResources;

/// <summary>
/// The served CRD versions by group, version and plural, kept by <see cref="CrdController"/> next to
/// the catalog so admission and the scale handler find a version's schema and scale paths.
/// </summary>
public sealed class CustomResourceVersions
{
    private readonly ConcurrentDictionary<(string Group, string Version, string Resource), ServedVersion> _versions = new();

    internal ServedVersion? Find(ResourceInfo resource) =>
        resource.ModelType is null && _versions.TryGetValue((resource.Group, resource.Version, resource.Resource), out var v) ? v : null;

    internal void Set(ServedVersion version) =>
        _versions[(version.Resource.Group, version.Resource.Version, version.Resource.Resource)] = version;

    internal void Remove(ResourceInfo resource) =>
        _versions.TryRemove((resource.Group, resource.Version, resource.Resource), out _);
}
