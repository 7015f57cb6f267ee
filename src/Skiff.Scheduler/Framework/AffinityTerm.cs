using k8s.Models;
using Skiff.Api.Selectors;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// A parsed pod (anti-)affinity term. A pod is in the term's scope when its namespace is listed or its namespace's
/// labels match <see cref="NamespaceSelector"/>, and it matches when its labels also match <see cref="Selector"/>.
/// </summary>
public sealed record AffinityTerm(
    LabelSelector Selector, IReadOnlySet<string> Namespaces, LabelSelector NamespaceSelector, string TopologyKey, int Weight)
{
    private static readonly IReadOnlyDictionary<string, string> s_noLabels = new Dictionary<string, string>();

    public bool Matches(V1Pod pod, IReadOnlyDictionary<string, string>? namespaceLabels) =>
        Matches(pod.Metadata?.NamespaceProperty ?? string.Empty, LabelsOf(pod.Metadata?.Labels), namespaceLabels);

    public bool Matches(PodInfo pod, IReadOnlyDictionary<string, string>? namespaceLabels) =>
        Matches(pod.Namespace, pod.Labels, namespaceLabels);

    public bool Matches(string ns, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        if (!Namespaces.Contains(ns) && !NamespaceSelector.Matches(namespaceLabels ?? s_noLabels))
        {
            return false;
        }

        return Selector.Matches(labels);
    }

    /// <summary>The labels as the read-only map selectors take, without copying in the usual case.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(IDictionary<string, string>? labels) => labels switch
    {
        null => s_noLabels,
        IReadOnlyDictionary<string, string> readOnly => readOnly,
        _ => new Dictionary<string, string>(labels),
    };
}
