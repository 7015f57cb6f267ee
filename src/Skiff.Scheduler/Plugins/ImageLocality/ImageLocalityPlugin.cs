using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.ImageLocality;

/// <summary>
/// Prefers nodes that already hold the pod's images: the summed image sizes, each scaled by the share of nodes
/// holding it (so an image everywhere does not pull every pod to one node), mapped from 23 MB..1000 MB per container
/// onto 0..100.
/// </summary>
internal sealed class ImageLocalityPlugin : IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "ImageLocality";

    private const string PreScoreKey = "PreScore" + PluginName;

    private const long Mb = 1024 * 1024;

    private const long MinThreshold = 23 * Mb;

    private const long MaxContainerThreshold = 1000 * Mb;

    private readonly INodeInfoLister _snapshot;

    /// <param name="snapshot">The cycle's nodes: an image's spread is the share of all nodes that hold it.</param>
    public ImageLocalityPlugin(INodeInfoLister snapshot)
    {
        _snapshot = snapshot;
    }

    public string Name => PluginName;

    /// <summary>Normalises the pod's image names once instead of on every node (upstream has no PreScore here).</summary>
    public Status PreScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        state.Write(PreScoreKey, ImageNames(pod));
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node)
    {
        var images = state.Read<string[]>(PreScoreKey) ?? ImageNames(pod);
        if (!node.HasImages)
        {
            return (Scale(0, images.Length), Status.Success);
        }

        var states = node.ImageStates;
        var totalNodes = Math.Max(1, _snapshot.List().Count);
        long sum = 0;
        foreach (var image in images)
        {
            if (image.Length > 0 && states.TryGetValue(image, out var summary))
            {
                sum += (long)(summary.SizeBytes * ((double)summary.NumNodes / totalNodes));
            }
        }

        return (Scale(sum, images.Length), Status.Success);
    }

    internal static long Scale(long sum, int containers)
    {
        var max = MaxContainerThreshold * containers;
        if (max <= MinThreshold)
        {
            return 0;
        }

        var clamped = Math.Clamp(sum, MinThreshold, max);
        return IScorePlugin.MaxNodeScore * (clamped - MinThreshold) / (max - MinThreshold);
    }

    /// <summary>Node image lists carry "name:tag"; a pod's untagged image means ":latest".</summary>
    internal static string NormalizedImageName(string image) =>
        image.LastIndexOf(':') <= image.LastIndexOf('/') ? image + ":latest" : image;

    /// <summary>Init containers and containers alike; an empty image name stays empty and counts as a container.</summary>
    private static string[] ImageNames(V1Pod pod)
    {
        var names = new List<string>();
        foreach (var container in pod.Spec?.InitContainers ?? [])
        {
            names.Add(string.IsNullOrEmpty(container.Image) ? string.Empty : NormalizedImageName(container.Image));
        }

        foreach (var container in pod.Spec?.Containers ?? [])
        {
            names.Add(string.IsNullOrEmpty(container.Image) ? string.Empty : NormalizedImageName(container.Image));
        }

        return [.. names];
    }
}
