using k8s;
using k8s.Models;
using Skiff.Client.Events;

namespace Skiff.Controllers.Tests.ReplicaSet;

internal sealed class RecordingEvents : IEventRecorder
{
    private readonly Lock _lock = new();
    private readonly List<(string Type, string Reason, string Message)> _events = [];

    public IReadOnlyList<(string Type, string Reason, string Message)> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message)
    {
        lock (_lock)
        {
            _events.Add((type, reason, message));
        }
    }
}
