using k8s;
using k8s.Models;

namespace Skiff.Client.Events;

/// <summary>Records events as one component ("replicaset-controller"); the broadcaster writes them.</summary>
public sealed class EventRecorder : IEventRecorder
{
    private readonly EventBroadcaster _broadcaster;

    internal EventRecorder(EventBroadcaster broadcaster, string component)
    {
        _broadcaster = broadcaster;
        Component = component;
    }

    public string Component { get; }

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message)
    {
        var reference = new V1ObjectReference
        {
            ApiVersion = regarding.ApiVersion,
            Kind = regarding.Kind,
            Name = regarding.Metadata?.Name,
            NamespaceProperty = regarding.Metadata?.NamespaceProperty,
            Uid = regarding.Metadata?.Uid,
            ResourceVersion = regarding.Metadata?.ResourceVersion,
        };
        _broadcaster.Enqueue(new PendingEvent(Component, reference, type, reason, message, _broadcaster.Now));
    }
}
