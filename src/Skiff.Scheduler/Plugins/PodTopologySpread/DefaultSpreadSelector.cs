using k8s.Models;
using Skiff.Api.Selectors;
using Skiff.Client.Cache;

namespace Skiff.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// The selector system-default spreading uses: the union of the selectors of the Services that select the pod and of
/// its controlling ReplicaSet, StatefulSet or ReplicationController. Listers that are missing contribute nothing.
/// </summary>
internal sealed class DefaultSpreadSelector(
    ILister<V1Service>? services = null,
    ILister<V1ReplicaSet>? replicaSets = null,
    ILister<V1StatefulSet>? statefulSets = null,
    ILister<V1ReplicationController>? replicationControllers = null)
{
    public LabelSelector For(V1Pod pod)
    {
        var ns = pod.Metadata?.NamespaceProperty;
        var podLabels = Framework.AffinityTerm.LabelsOf(pod.Metadata?.Labels);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in services?.List(ns) ?? [])
        {
            if (service.Spec?.Selector is { } selector && SelectsPod(selector, podLabels))
            {
                foreach (var (key, value) in selector)
                {
                    labels[key] = value;
                }
            }
        }

        var requirements = new List<LabelRequirement>();
        var owner = pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (owner is not null)
        {
            switch ((owner.ApiVersion, owner.Kind))
            {
                case ("v1", "ReplicationController"):
                    if (replicationControllers?.Get(ns, owner.Name)?.Spec?.Selector is { } rcSelector)
                    {
                        foreach (var (key, value) in rcSelector)
                        {
                            labels[key] = value;
                        }
                    }

                    break;
                case ("apps/v1", "ReplicaSet"):
                    AddRequirements(requirements, replicaSets?.Get(ns, owner.Name)?.Spec?.Selector);
                    break;
                case ("apps/v1", "StatefulSet"):
                    AddRequirements(requirements, statefulSets?.Get(ns, owner.Name)?.Spec?.Selector);
                    break;
            }
        }

        if (labels.Count == 0 && requirements.Count == 0)
        {
            return LabelSelector.Everything;
        }

        var merged = LabelSelector.FromMatchLabels(labels);
        foreach (var requirement in requirements)
        {
            merged = merged.With(requirement);
        }

        return merged;
    }

    // A Service selector is a plain equality map; comparing it directly spares parsing one per Service per pod.
    private static bool SelectsPod(IDictionary<string, string> selector, IReadOnlyDictionary<string, string> podLabels)
    {
        foreach (var (key, value) in selector)
        {
            if (!podLabels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    private static void AddRequirements(List<LabelRequirement> requirements, V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return;
        }

        try
        {
            requirements.AddRange(LabelSelector.FromModel(selector).Requirements);
        }
        catch (SelectorParseException)
        {
            // Upstream ignores a controller selector that does not parse.
        }
    }
}
