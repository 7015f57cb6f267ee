using System.Collections.Concurrent;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Admission.Services;
using Skiff.Storage;

namespace Skiff.ApiServer.Registry;

/// <summary>One <see cref="ResourceStore"/> per stored resource, shared by every version that serves it.</summary>
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
        _stores.GetOrAdd(info.StoragePrefix, _ => new ResourceStore(_store, info, StrategyFor(info), _time));

    private IResourceStrategy StrategyFor(ResourceInfo info)
    {
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

        if (info.Group.Length == 0 && info.Resource == "namespaces")
        {
            return new NamespaceStrategy();
        }

        var hasStatus = info.FindSubresource("status") is not null;
        return new GenericStrategy(!KindsWithoutGeneration.Contains(info.Kind), hasStatus);
    }
}
