using k8s.Models;
using Skiff.Client.Cache;

namespace Skiff.Kubelet.Server;

/// <summary>The node's pods from the kubelet's pod informer: the statuses it carries hold the container ids exec needs.</summary>
internal sealed class InformerPodSource(ILister<V1Pod> pods, string nodeName) : IKubeletPodSource
{
    public IReadOnlyList<V1Pod> Pods() => pods.List().Where(p => p.Spec?.NodeName == nodeName).ToList();
}
