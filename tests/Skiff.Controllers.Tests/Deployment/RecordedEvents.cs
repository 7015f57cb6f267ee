using k8s;
using k8s.Models;
using Skiff.Client.Events;

namespace Skiff.Controllers.Tests.Deployment;

internal sealed record RecordedEvent(string Object, string Type, string Reason, string Message);

/// <summary>Keeps every event instead of writing it.</summary>
internal sealed class RecordedEvents : IEventRecorder
{
    public List<RecordedEvent> All { get; } = [];

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message) =>
        All.Add(new RecordedEvent(regarding.Metadata.Name, type, reason, message));

    public IEnumerable<string> Messages(string reason) => All.Where(e => e.Reason == reason).Select(e => e.Message);
}
