using System.Reflection;
using k8s.Models;

namespace Skiff.Scheduler.Scheduling;

/// <summary>
/// Copies of informer pods with one spec field changed (the node an assumed pod is bound to, a resolved priority).
/// Informer objects are shared by every component, so they are never changed in place; a shallow spec copy is
/// enough because nothing below the spec's own fields is touched.
/// </summary>
internal static class PodCopies
{
    private static readonly Func<object, object> s_memberwiseClone = (Func<object, object>)Delegate.CreateDelegate(
        typeof(Func<object, object>), typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!);

    public static V1Pod With(V1Pod pod, string? nodeName = null, int? priority = null)
    {
        var spec = pod.Spec is null ? new V1PodSpec() : (V1PodSpec)s_memberwiseClone(pod.Spec);
        if (nodeName is not null)
        {
            spec.NodeName = nodeName;
        }

        if (priority is not null)
        {
            spec.Priority = priority;
        }

        return new V1Pod { ApiVersion = pod.ApiVersion ?? "v1", Kind = pod.Kind ?? "Pod", Metadata = pod.Metadata, Spec = spec, Status = pod.Status };
    }
}
