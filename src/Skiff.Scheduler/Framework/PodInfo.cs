using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>A pod with what plugins would otherwise recompute on every node: its requests, computed once.</summary>
public sealed class PodInfo
{
    private PodAffinityTerms? _affinity;

    public PodInfo(V1Pod pod)
    {
        Pod = pod;
        (Requests, NonZeroRequests) = PodResources.Both(pod);
        Priority = pod.Spec?.Priority ?? 0;
        Labels = AffinityTerm.LabelsOf(pod.Metadata?.Labels);
        Namespace = pod.Metadata?.NamespaceProperty ?? string.Empty;
        Terminating = pod.Metadata is null || pod.Metadata.DeletionTimestamp is not null;
    }

    private PodInfo(V1Pod pod, PodInfo same)
    {
        Pod = pod;
        Requests = same.Requests;
        NonZeroRequests = same.NonZeroRequests;
        Priority = same.Priority;
        Labels = AffinityTerm.LabelsOf(pod.Metadata?.Labels);
        Namespace = pod.Metadata?.NamespaceProperty ?? string.Empty;
        Terminating = pod.Metadata is null || pod.Metadata.DeletionTimestamp is not null;
    }

    public V1Pod Pod { get; }

    public string Uid => Pod.Metadata?.Uid ?? string.Empty;

    /// <summary>
    /// spec.priority, or what the scheduler resolved from the pod's PriorityClass when admission did not fill it
    /// (our API server has no Priority admission plugin yet).
    /// </summary>
    public int Priority { get; init; }

    public Resource Requests { get; }

    /// <summary>metadata.labels as selectors take them, resolved once: every cycle matches selectors against placed pods.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    public string Namespace { get; }

    /// <summary>metadata.deletionTimestamp is set (or the pod has no metadata at all, which counts the same way).</summary>
    public bool Terminating { get; }

    public Resource NonZeroRequests { get; }

    /// <summary>
    /// The info of a copy of this pod that differs only where requests and priority are not read from (the copy
    /// the scheduler assumes with spec.nodeName set), without computing the requests again.
    /// </summary>
    public PodInfo ForCopy(V1Pod copy) => new(copy, this);

    /// <summary>The pod's inter-pod affinity terms, parsed on first use and kept (existing pods are matched every cycle).</summary>
    public PodAffinityTerms Affinity => _affinity ?? Interlocked.CompareExchange(ref _affinity, PodAffinityTerms.Parse(Pod), null) ?? _affinity!;

    public bool HasAffinity => Pod.Spec?.Affinity?.PodAffinity is not null || Pod.Spec?.Affinity?.PodAntiAffinity is not null;

    /// <summary>
    /// Whether this pod's own terms can score other pods: required or preferred affinity, or preferred anti-affinity
    /// (required anti-affinity only filters). Pods without them add nothing to a score when the incoming pod has
    /// no preferences of its own.
    /// </summary>
    public bool HasScoringAffinity =>
        Pod.Spec?.Affinity is { } affinity
        && (affinity.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { Count: > 0 }
            || affinity.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution is { Count: > 0 }
            || affinity.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution is { Count: > 0 });

    public bool HasRequiredAntiAffinity =>
        Pod.Spec?.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { Count: > 0 };
}
