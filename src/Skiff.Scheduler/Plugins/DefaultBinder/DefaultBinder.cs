using k8s;
using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.DefaultBinder;

/// <summary>Binds through the pods/binding subresource, as upstream's DefaultBinder.</summary>
public sealed class DefaultBinder(IKubernetes? client) : IBindPlugin
{
    public const string PluginName = "DefaultBinder";

    public string Name => PluginName;

    public async Task<Status> BindAsync(CycleState state, V1Pod pod, string nodeName, CancellationToken ct)
    {
        if (client is null)
        {
            return Status.Error("no API client to bind with");
        }

        var binding = new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty, Uid = pod.Metadata.Uid },
            Target = new V1ObjectReference { Kind = "Node", Name = nodeName },
        };
        try
        {
            await client.CoreV1.CreateNamespacedPodBindingAsync(binding, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
            return Status.Success;
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            return Status.Error($"binding rejected: {(int)e.Response.StatusCode} {e.Response.Content}");
        }
    }
}
