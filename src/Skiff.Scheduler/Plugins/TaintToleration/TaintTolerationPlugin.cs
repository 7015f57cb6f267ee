using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.TaintToleration;

/// <summary>
/// Filters out nodes with a NoSchedule/NoExecute taint the pod does not tolerate, and scores nodes by how few
/// PreferNoSchedule taints the pod would have to put up with.
/// </summary>
internal sealed class TaintTolerationPlugin : IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "TaintToleration";

    private const string PreScoreKey = "PreScore" + PluginName;

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        var taints = node.BlockingTaints;
        if (taints.Length == 0)
        {
            return Status.Success;
        }

        var taint = TolerationMatcher.FirstUntolerated(taints, pod.Spec?.Tolerations);
        return taint is null ? Status.Success : Status.Unresolvable(UntoleratedReason(taint));
    }

    /// <summary>Upstream prints the taint Go-struct style; an empty value leaves nothing after the colon and space.</summary>
    public static string UntoleratedReason(V1Taint taint) => $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";

    public Status PreScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        state.Write(PreScoreKey, PreferNoScheduleTolerations(pod));
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node)
    {
        var taints = node.PreferNoScheduleTaints;
        if (taints.Length == 0)
        {
            return (0, Status.Success);
        }

        var tolerations = state.Read<List<V1Toleration>>(PreScoreKey) ?? PreferNoScheduleTolerations(pod);
        long count = 0;
        for (var i = 0; i < taints.Length; i++)
        {
            if (!TolerationMatcher.AnyTolerates(tolerations, taints[i]))
            {
                count++;
            }
        }

        return (count, Status.Success);
    }

    public Status NormalizeScore(CycleState state, V1Pod pod, Span<NodeScore> scores)
    {
        ScoreNormalizer.Default(scores, reverse: true);
        return Status.Success;
    }

    private static List<V1Toleration> PreferNoScheduleTolerations(V1Pod pod)
    {
        var tolerations = new List<V1Toleration>();
        foreach (var toleration in pod.Spec?.Tolerations ?? [])
        {
            if (string.IsNullOrEmpty(toleration.Effect) || toleration.Effect == "PreferNoSchedule")
            {
                tolerations.Add(toleration);
            }
        }

        return tolerations;
    }
}
