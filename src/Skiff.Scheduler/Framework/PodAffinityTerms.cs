using k8s.Models;
using Skiff.Api.Selectors;

namespace Skiff.Scheduler.Framework;

/// <summary>A pod's required and preferred affinity and anti-affinity terms, parsed once.</summary>
public sealed class PodAffinityTerms
{
    public static PodAffinityTerms None { get; } = new([], [], [], [], null);

    private PodAffinityTerms(
        IReadOnlyList<AffinityTerm> requiredAffinity,
        IReadOnlyList<AffinityTerm> requiredAntiAffinity,
        IReadOnlyList<AffinityTerm> preferredAffinity,
        IReadOnlyList<AffinityTerm> preferredAntiAffinity,
        string? parseError)
    {
        RequiredAffinity = requiredAffinity;
        RequiredAntiAffinity = requiredAntiAffinity;
        PreferredAffinity = preferredAffinity;
        PreferredAntiAffinity = preferredAntiAffinity;
        ParseError = parseError;
    }

    public IReadOnlyList<AffinityTerm> RequiredAffinity { get; }

    public IReadOnlyList<AffinityTerm> RequiredAntiAffinity { get; }

    public IReadOnlyList<AffinityTerm> PreferredAffinity { get; }

    public IReadOnlyList<AffinityTerm> PreferredAntiAffinity { get; }

    /// <summary>Set when a selector did not parse; API validation normally rules that out.</summary>
    public string? ParseError { get; }

    public bool HasRequired => RequiredAffinity.Count > 0 || RequiredAntiAffinity.Count > 0;

    public bool HasPreferred => PreferredAffinity.Count > 0 || PreferredAntiAffinity.Count > 0;

    public static PodAffinityTerms Parse(V1Pod pod)
    {
        var affinity = pod.Spec?.Affinity;
        if (affinity?.PodAffinity is null && affinity?.PodAntiAffinity is null)
        {
            return None;
        }

        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        try
        {
            return new PodAffinityTerms(
                Required(affinity.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, ns),
                Required(affinity.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, ns),
                Preferred(affinity.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, ns),
                Preferred(affinity.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, ns),
                null);
        }
        catch (SelectorParseException e)
        {
            return new PodAffinityTerms([], [], [], [], e.Message);
        }
    }

    /// <summary>
    /// This pod's terms with namespace selectors resolved to namespace names, as upstream does for the incoming pod
    /// so that matching existing pods needs no namespace labels. An empty selector (every namespace) stays as it is.
    /// </summary>
    public PodAffinityTerms ResolveNamespaces(Func<LabelSelector, IEnumerable<string>> namespacesMatching)
    {
        if (!NeedsResolving(RequiredAffinity) && !NeedsResolving(RequiredAntiAffinity)
            && !NeedsResolving(PreferredAffinity) && !NeedsResolving(PreferredAntiAffinity))
        {
            return this;
        }

        return new PodAffinityTerms(
            Resolve(RequiredAffinity, namespacesMatching),
            Resolve(RequiredAntiAffinity, namespacesMatching),
            Resolve(PreferredAffinity, namespacesMatching),
            Resolve(PreferredAntiAffinity, namespacesMatching),
            ParseError);
    }

    private static bool NeedsResolving(IReadOnlyList<AffinityTerm> terms)
    {
        foreach (var term in terms)
        {
            if (!term.NamespaceSelector.IsNothing && !term.NamespaceSelector.IsEverything)
            {
                return true;
            }
        }

        return false;
    }

    private static List<AffinityTerm> Resolve(IReadOnlyList<AffinityTerm> terms, Func<LabelSelector, IEnumerable<string>> namespacesMatching)
    {
        var resolved = new List<AffinityTerm>(terms.Count);
        foreach (var term in terms)
        {
            if (term.NamespaceSelector.IsNothing || term.NamespaceSelector.IsEverything)
            {
                resolved.Add(term);
                continue;
            }

            var namespaces = new HashSet<string>(term.Namespaces, StringComparer.Ordinal);
            namespaces.UnionWith(namespacesMatching(term.NamespaceSelector));
            resolved.Add(term with { Namespaces = namespaces, NamespaceSelector = LabelSelector.Nothing });
        }

        return resolved;
    }

    private static List<AffinityTerm> Required(IList<V1PodAffinityTerm>? terms, string ns)
    {
        var parsed = new List<AffinityTerm>(terms?.Count ?? 0);
        foreach (var term in terms ?? [])
        {
            parsed.Add(ToTerm(term, ns, 1));
        }

        return parsed;
    }

    private static List<AffinityTerm> Preferred(IList<V1WeightedPodAffinityTerm>? terms, string ns)
    {
        var parsed = new List<AffinityTerm>(terms?.Count ?? 0);
        foreach (var term in terms ?? [])
        {
            if (term.PodAffinityTerm is not null)
            {
                parsed.Add(ToTerm(term.PodAffinityTerm, ns, term.Weight));
            }
        }

        return parsed;
    }

    private static AffinityTerm ToTerm(V1PodAffinityTerm term, string ns, int weight)
    {
        // No namespaces and no namespace selector means the pod's own namespace.
        var namespaces = term.Namespaces is { Count: > 0 } || term.NamespaceSelector is not null
            ? new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal) { ns };
        return new AffinityTerm(
            LabelSelector.FromModel(term.LabelSelector),
            namespaces,
            LabelSelector.FromModel(term.NamespaceSelector),
            term.TopologyKey ?? string.Empty,
            weight);
    }
}
