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
    }

    private PodInfo(V1Pod pod, PodInfo same)
    {
        Pod = pod;
        Requests = same.Requests;
        NonZeroRequests = same.NonZeroRequests;
        Priority = same.Priority;
    }

    public V1Pod Pod { get; }

    public string Uid => Pod.Metadata?.Uid ?? string.Empty;

    /// <summary>
    /// spec.priority, or what the scheduler resolved from the pod's PriorityClass when admission did not fill it
    /// (our API server has no Priority admission plugin yet).
    /// </summary>
    public int Priority { get; init; }

    public Resource Requests { get; }

    public Resource NonZeroRequests { get; }

    /// <summary>
    /// The info of a copy of this pod that differs only where requests and priority are not read from (the copy
    /// the scheduler assumes with spec.nodeName set), without computing the requests again.
    /// </summary>
    public PodInfo ForCopy(V1Pod copy) => new(copy, this);

    /// <summary>The pod's inter-pod affinity terms, parsed on first use and kept (existing pods are matched every cycle).</summary>
    public PodAffinityTerms Affinity => _affinity ?? Interlocked.CompareExchange(ref _affinity, PodAffinityTerms.Parse(Pod), null) ?? _affinity!;

    public bool HasAffinity => Pod.Spec?.Affinity?.PodAffinity is not null || Pod.Spec?.Affinity?.PodAntiAffinity is not null;

    public bool HasRequiredAntiAffinity =>
        Pod.Spec?.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { Count: > 0 };
}
