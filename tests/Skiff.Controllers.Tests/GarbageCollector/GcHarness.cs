using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Controllers.Dynamic;
using Skiff.Controllers.GarbageCollector;
using Skiff.Controllers.Tests.Testing;

namespace Skiff.Controllers.Tests.GarbageCollector;

/// <summary>A graph, a fake API and the processor between them; objects are observed into both unless told otherwise.</summary>
internal sealed class GcHarness
{
    public GcHarness(DiscoveryResult? discovery = null)
    {
        var known = discovery ?? Resources.Discovery();
        Processor = new GarbageProcessor(Graph, Api, () => known, w => Scheduled.Add(w), NullLogger.Instance);
    }

    public DependencyGraph Graph { get; } = new();

    public FakeGarbageCollectorClient Api { get; } = new();

    public GarbageProcessor Processor { get; }

    public List<GraphWork> Scheduled { get; } = [];

    public IEnumerable<string> ScheduledDeletes => Scheduled.SelectMany(w => w.AttemptToDelete);

    public static V1OwnerReference Owner(ApiResource resource, string name, string uid, bool block = false) => new()
    {
        ApiVersion = resource.GroupVersion,
        Kind = resource.Kind,
        Name = name,
        Uid = uid,
        BlockOwnerDeletion = block ? true : null,
    };

    public GraphWork Observe(
        ApiResource resource, string? ns, string name, string uid, IList<V1OwnerReference>? owners = null, IList<string>? finalizers = null, bool deleting = false, bool live = true)
    {
        if (live)
        {
            Api.Put(resource, ns, name, uid, owners, finalizers, deleting);
        }

        var identity = new ObjectIdentity(resource.GroupVersion, resource.Kind, resource.Namespaced ? ns : null, name, uid);
        return Graph.Upsert(identity, [.. owners ?? []], deleting, [.. finalizers ?? []]);
    }

    /// <summary>The object disappears from the API and its informer reports the delete.</summary>
    public GraphWork Delete(ApiResource resource, string? ns, string name, string uid)
    {
        Api.Remove(resource, ns, name);
        return Graph.Remove(uid);
    }
}
