using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>
/// What a pod demands of a node's labels: every spec.nodeSelector entry, and the required node affinity when there
/// is one. NodeAffinity filters with it; PodTopologySpread uses it to decide which nodes count.
/// </summary>
internal sealed class RequiredNodeAffinity
{
    private readonly KeyValuePair<string, string>[] _nodeSelector;
    private readonly RequiredNodeSelector? _affinity;

    private RequiredNodeAffinity(KeyValuePair<string, string>[] nodeSelector, RequiredNodeSelector? affinity)
    {
        _nodeSelector = nodeSelector;
        _affinity = affinity;
    }

    public static RequiredNodeAffinity Everything { get; } = new([], null);

    public bool IsEverything => _nodeSelector.Length == 0 && _affinity is null;

    public static RequiredNodeAffinity From(V1Pod pod)
    {
        var selector = pod.Spec?.NodeSelector;
        var required = pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if ((selector is null || selector.Count == 0) && required is null)
        {
            return Everything;
        }

        return new RequiredNodeAffinity(selector?.ToArray() ?? [], required is null ? null : new RequiredNodeSelector(required));
    }

    public bool Matches(V1Node node) => MatchesSelector(node.Metadata?.Labels) && (_affinity is null || _affinity.Matches(node));

    /// <summary>Against the labels and name a NodeInfo captured, without walking the node model.</summary>
    public bool Matches(NodeInfo node) => MatchesSelector(node.Labels) && (_affinity is null || _affinity.Matches(node));

    private bool MatchesSelector(IDictionary<string, string>? labels)
    {
        if (_nodeSelector.Length == 0)
        {
            return true;
        }

        if (labels is null)
        {
            return false;
        }

        foreach (var (key, value) in _nodeSelector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }
}
