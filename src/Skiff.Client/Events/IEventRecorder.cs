using k8s;
using k8s.Models;

namespace Skiff.Client.Events;

/// <summary>Records core/v1 Events about an object; repeats are aggregated (count, lastTimestamp) as upstream.</summary>
public interface IEventRecorder
{
    /// <param name="type">"Normal" or "Warning".</param>
    void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message);
}
