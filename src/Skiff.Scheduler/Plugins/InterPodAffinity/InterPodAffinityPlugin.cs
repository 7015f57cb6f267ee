using k8s.Models;
using Skiff.Api.Selectors;
using Skiff.Client.Cache;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// Required pod affinity and anti-affinity over topology domains as a filter (including existing pods' anti-affinity
/// against the incoming pod), preferred terms of both sides as a score. Filter and score halves live in the
/// <c>.Filter.cs</c> and <c>.Score.cs</c> files.
/// </summary>
internal sealed partial class InterPodAffinityPlugin : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "InterPodAffinity";

    private static readonly IReadOnlyDictionary<string, string> s_noLabels = new Dictionary<string, string>();

    private readonly InterPodAffinityOptions _options;
    private readonly INodeInfoLister? _snapshot;
    private readonly ILister<V1Namespace>? _namespaces;

    /// <param name="snapshot">The cycle's nodes, for the lists of nodes with affinity pods; without it the nodes passed in.</param>
    /// <param name="namespaces">Namespace labels for terms with a namespaceSelector; without it such selectors see no labels.</param>
    public InterPodAffinityPlugin(InterPodAffinityOptions? options = null, INodeInfoLister? snapshot = null, ILister<V1Namespace>? namespaces = null)
    {
        _options = options ?? new InterPodAffinityOptions();
        _snapshot = snapshot;
        _namespaces = namespaces;
    }

    public string Name => PluginName;

    private IReadOnlyDictionary<string, string> NamespaceLabels(V1Pod pod)
    {
        var ns = pod.Metadata?.NamespaceProperty;
        if (_namespaces is null || string.IsNullOrEmpty(ns))
        {
            return s_noLabels;
        }

        return AffinityTerm.LabelsOf(_namespaces.Get(null, ns)?.Metadata?.Labels);
    }

    private IEnumerable<string> NamespacesMatching(LabelSelector selector)
    {
        if (_namespaces is null)
        {
            yield break;
        }

        foreach (var ns in _namespaces.List())
        {
            if (ns.Metadata?.Name is { } name && selector.Matches(AffinityTerm.LabelsOf(ns.Metadata.Labels)))
            {
                yield return name;
            }
        }
    }
}
