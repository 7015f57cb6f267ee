using System.Collections.Concurrent;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Admission.Services;
using Skiff.Storage;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// One <see cref="ResourceStore"/> per stored resource and group, shared by every version of that group. Groups
/// sharing a key space (core and events.k8s.io Events) get a store each over the same keys, so errors name the
/// group the request addressed; stores hold no state of their own, so this is safe.
/// </summary>
public sealed class Registries
{
    private static readonly HashSet<string> KindsWithoutGeneration =
        ["Pod", "Service", "Node", "Namespace", "PersistentVolume", "PersistentVolumeClaim", "Event", "ConfigMap", "Secret",
         "Endpoints", "EndpointSlice", "Lease", "ServiceAccount", "ControllerRevision", "ResourceQuota", "LimitRange"];

    private readonly ConcurrentDictionary<string, ResourceStore> _stores = new(StringComparer.Ordinal);
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly ServiceAllocator? _services;

    /// <param name="services">Hands out Service IPs and node ports; null leaves them as the client sent them.</param>
    public Registries(IStore store, TimeProvider time, ServiceAllocator? services = null)
    {
        _store = store;
        _time = time;
        _services = services;
    }

    public IStore Store => _store;

    public ResourceStore For(ResourceInfo info) =>
        _stores.GetOrAdd(Key(info), _ => new ResourceStore(_store, info, StrategyFor(info, _time), _time));

    /// <summary>Forgets the store of a resource whose rules changed (a CRD was updated or deleted); the next use rebuilds it.</summary>
    public void Reset(ResourceInfo info) => _stores.TryRemove(Key(info), out _);

    private static string Key(ResourceInfo info) => $"{info.StoragePrefix}|{info.Group}";

    private IResourceStrategy StrategyFor(ResourceInfo info, TimeProvider time)
    {
        if (info.Group == "apiextensions.k8s.io" && info.Resource == "customresourcedefinitions")
        {
            return new CustomResources.CustomResourceDefinitionStrategy(time);
        }

        // Only custom resources have no model type.
        if (info.ModelType is null)
        {
            return new CustomResources.CustomResourceStrategy(info.FindSubresource("status") is not null);
        }

        if (info.Group.Length == 0 && info.Resource == "services" && _services is not null)
        {
            return new ServiceStrategy(_services);
        }

        if (info.Group == "batch" && info.Resource == "jobs")
        {
            return new JobStrategy();
        }

        if (info.Group.Length == 0 && info.Resource == "pods")
        {
            return new PodStrategy();
        }

        if (info.Group.Length == 0 && info.Resource == "nodes")
        {
            return new NodeStrategy();
        }

        if (info.Group.Length == 0 && info.Resource == "namespaces")
        {
            return new NamespaceStrategy();
        }

        var hasStatus = info.FindSubresource("status") is not null;
        return new GenericStrategy(!KindsWithoutGeneration.Contains(info.Kind), hasStatus);
    }
}
