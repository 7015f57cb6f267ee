using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Skiff.Client.Events;

namespace Skiff.Scheduler.Tests.Fakes;

internal sealed class FakeRecorder : IEventRecorder
{
    public ConcurrentQueue<(string Object, string Type, string Reason, string Message)> Events { get; } = new();

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message) =>
        Events.Enqueue((regarding.Metadata.Name, type, reason, message));
}
