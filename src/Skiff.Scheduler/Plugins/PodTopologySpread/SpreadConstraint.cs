using k8s.Models;
using Skiff.Api.Selectors;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// One topology spread constraint, parsed: matchLabelKeys folded into the selector, minDomains defaulted to 1, the
/// node inclusion policies as flags (nodeAffinityPolicy defaults to Honor, nodeTaintsPolicy to Ignore).
/// </summary>
internal sealed record SpreadConstraint(
    int MaxSkew, string TopologyKey, LabelSelector Selector, int MinDomains, bool HonorNodeAffinity, bool HonorNodeTaints)
{
    public const string HostnameKey = "kubernetes.io/hostname";

    /// <summary>The pod's own constraints with the given whenUnsatisfiable.</summary>
    public static List<SpreadConstraint> FromPod(V1Pod pod, string whenUnsatisfiable)
    {
        var constraints = new List<SpreadConstraint>();
        var podLabels = pod.Metadata?.Labels;
        foreach (var c in pod.Spec?.TopologySpreadConstraints ?? [])
        {
            if (c.WhenUnsatisfiable != whenUnsatisfiable)
            {
                continue;
            }

            var selector = LabelSelector.FromModel(c.LabelSelector);
            foreach (var key in c.MatchLabelKeys ?? [])
            {
                if (podLabels is not null && podLabels.TryGetValue(key, out var value))
                {
                    selector = selector.With(LabelRequirement.Create(key, SelectorOperator.In, [value]));
                }
            }

            constraints.Add(new SpreadConstraint(
                c.MaxSkew,
                c.TopologyKey ?? string.Empty,
                selector,
                c.MinDomains ?? 1,
                c.NodeAffinityPolicy != "Ignore",
                c.NodeTaintsPolicy == "Honor"));
        }

        return constraints;
    }

    /// <summary>Whether pods on this node count toward the constraint (the node inclusion policies).</summary>
    public bool IncludesNode(V1Pod pod, V1Node node, RequiredNodeAffinity podNodeAffinity)
    {
        if (HonorNodeAffinity && !podNodeAffinity.Matches(node))
        {
            return false;
        }

        return !HonorNodeTaints || TolerationMatcher.FirstUntoleratedNoScheduleTaint(node.Spec?.Taints, pod.Spec?.Tolerations) is null;
    }

    /// <summary>The same, reading the node's labels and name as the NodeInfo captured them.</summary>
    public bool IncludesNode(V1Pod pod, NodeInfo node, RequiredNodeAffinity podNodeAffinity)
    {
        if (HonorNodeAffinity && !podNodeAffinity.Matches(node))
        {
            return false;
        }

        return !HonorNodeTaints || TolerationMatcher.FirstUntoleratedNoScheduleTaint(node.Node?.Spec?.Taints, pod.Spec?.Tolerations) is null;
    }

    /// <summary>The one label the selector requires, when that is all it requires (then an index can count for it).</summary>
    public (string Key, string Value)? SingleLabel()
    {
        if (Selector.IsNothing || Selector.Requirements is not [var only])
        {
            return null;
        }

        return only.Operator is SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In && only.Values is [var value]
            ? (only.Key, value)
            : null;
    }

    /// <summary>Live pods of the namespace on the node that the selector matches; an empty selector counts none.</summary>
    public int CountMatching(List<PodInfo> pods, string ns)
    {
        if (Selector.IsEverything)
        {
            return 0;
        }

        var count = 0;
        foreach (var info in pods)
        {
            // Terminating pods are on their way out; counting them would block their own replacements.
            if (info.Terminating || info.Namespace != ns)
            {
                continue;
            }

            if (Selector.Matches(info.Labels))
            {
                count++;
            }
        }

        return count;
    }

    public static bool NodeHasAllKeys(V1Node node, List<SpreadConstraint> constraints) => LabelsHaveAllKeys(node.Metadata?.Labels, constraints);

    public static bool LabelsHaveAllKeys(IDictionary<string, string>? labels, List<SpreadConstraint> constraints)
    {
        foreach (var c in constraints)
        {
            if (labels is null || !labels.ContainsKey(c.TopologyKey))
            {
                return false;
            }
        }

        return true;
    }
}
