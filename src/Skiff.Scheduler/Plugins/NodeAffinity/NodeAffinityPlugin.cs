using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.NodeAffinity;

/// <summary>
/// Required node affinity and nodeSelector as a filter (PreFilter narrows to the nodes named by metadata.name
/// matchFields), preferred node affinity as a score.
/// </summary>
internal sealed class NodeAffinityPlugin : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "NodeAffinity";

    public const string ReasonPod = "node(s) didn't match Pod's node affinity/selector";

    public const string ReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";

    public const string ReasonConflict = "pod affinity terms conflict";

    // Filters reject thousands of nodes per pod; one shared status per reason saves allocating each time.
    private static readonly Status s_reasonEnforcedStatus = Status.Unresolvable(ReasonEnforced);
    private static readonly Status s_reasonPodStatus = Status.Unresolvable(ReasonPod);

    private const string PreFilterKey = "PreFilter" + PluginName;

    private const string PreScoreKey = "PreScore" + PluginName;

    private readonly RequiredNodeSelector? _addedSelector;
    private readonly PreferredNodeTerms? _addedPreferred;

    public NodeAffinityPlugin(NodeAffinityOptions? options = null)
    {
        var added = options?.AddedAffinity;
        if (added?.RequiredDuringSchedulingIgnoredDuringExecution is { } required)
        {
            _addedSelector = new RequiredNodeSelector(required);
        }

        if (added?.PreferredDuringSchedulingIgnoredDuringExecution is { Count: > 0 } preferred)
        {
            _addedPreferred = new PreferredNodeTerms(preferred);
        }
    }

    public string Name => PluginName;

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var required = pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required is null && _addedSelector is null && pod.Spec?.NodeSelector is null)
        {
            return (null, Status.Skip);
        }

        state.Write(PreFilterKey, RequiredNodeAffinity.From(pod));
        if (required?.NodeSelectorTerms is not { Count: > 0 } terms)
        {
            return (null, Status.Success);
        }

        // Terms are ORed, the requirements in one term ANDed: the pod can only land on the union over terms of the
        // intersection of each term's metadata.name "In" lists, unless some term does not name nodes at all.
        HashSet<string>? names = null;
        foreach (var term in terms)
        {
            HashSet<string>? termNames = null;
            foreach (var field in term.MatchFields ?? [])
            {
                if (field.Key != "metadata.name" || field.OperatorProperty != "In")
                {
                    continue;
                }

                if (termNames is null)
                {
                    termNames = new HashSet<string>(field.Values ?? [], StringComparer.Ordinal);
                }
                else
                {
                    termNames.IntersectWith(field.Values ?? []);
                }
            }

            if (termNames is null)
            {
                return (null, Status.Success);
            }

            names ??= new HashSet<string>(StringComparer.Ordinal);
            names.UnionWith(termNames);
        }

        if (names is { Count: 0 })
        {
            return (null, Status.Unresolvable(ReasonConflict));
        }

        return (names is null ? null : new PreFilterResult(names), Status.Success);
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        if (node.Node is null)
        {
            return Status.Error("node not found");
        }

        if (_addedSelector is not null && !_addedSelector.Matches(node))
        {
            return s_reasonEnforcedStatus;
        }

        var required = state.Read<RequiredNodeAffinity>(PreFilterKey) ?? RequiredNodeAffinity.From(pod);
        return required.Matches(node) ? Status.Success : s_reasonPodStatus;
    }

    public Status PreScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var preferred = pod.Spec?.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (preferred is not { Count: > 0 } && _addedPreferred is null)
        {
            return Status.Skip;
        }

        state.Write(PreScoreKey, new PreferredNodeTerms(preferred ?? []));
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node)
    {
        if (node.Node is null)
        {
            return (0, Status.Error("node not found"));
        }

        var preferred = state.Read<PreferredNodeTerms>(PreScoreKey)
            ?? new PreferredNodeTerms(pod.Spec?.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? []);
        var score = preferred.Score(node) + (_addedPreferred?.Score(node) ?? 0);
        return (score, Status.Success);
    }

    public Status NormalizeScore(CycleState state, V1Pod pod, Span<NodeScore> scores)
    {
        ScoreNormalizer.Default(scores, reverse: false);
        return Status.Success;
    }
}
