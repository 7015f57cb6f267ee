using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.ImageLocality;

/// <summary>
/// Prefers nodes that already hold the pod's images: the summed image sizes, each scaled by the share of nodes
/// holding it (so an image everywhere does not pull every pod to one node), mapped from 23 MB..1000 MB per container
/// onto 0..100.
/// </summary>
internal sealed class ImageLocalityPlugin : IScorePlugin
{
    public const string PluginName = "ImageLocality";

    private const long Mb = 1024 * 1024;

    private const long MinThreshold = 23 * Mb;

    private const long MaxContainerThreshold = 1000 * Mb;

    public string Name => PluginName;

    public (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node)
    {
        // Upstream divides by the number of nodes in the snapshot; the framework publishes that list on the state.
        var totalNodes = Math.Max(1, state.AllNodes?.Count ?? 1);
        long sum = 0;
        var containers = 0;
        foreach (var container in pod.Spec?.InitContainers ?? [])
        {
            sum += ImageScore(container.Image, node, totalNodes);
            containers++;
        }

        foreach (var container in pod.Spec?.Containers ?? [])
        {
            sum += ImageScore(container.Image, node, totalNodes);
            containers++;
        }

        return (Scale(sum, containers), Status.Success);
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

    private static long ImageScore(string? image, NodeInfo node, int totalNodes)
    {
        if (string.IsNullOrEmpty(image) || !node.ImageStates.TryGetValue(NormalizedImageName(image), out var summary))
        {
            return 0;
        }

        return (long)(summary.SizeBytes * ((double)summary.NumNodes / totalNodes));
    }
}
