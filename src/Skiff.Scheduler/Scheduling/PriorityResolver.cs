using k8s.Models;
using Skiff.Client.Cache;

namespace Skiff.Scheduler.Scheduling;

/// <summary>
/// A pod's priority as upstream's Priority admission plugin would have set it: spec.priority, else its
/// PriorityClass's value, else the globalDefault class's value, else 0. Our API server does not run that admission
/// plugin yet, so the scheduler resolves it for its own ordering and preemption.
/// </summary>
public sealed class PriorityResolver(ILister<V1PriorityClass>? classes)
{
    // Upstream creates these two classes at API server start; pods may name them before anyone lists them.
    private static readonly Dictionary<string, int> s_systemClasses = new(StringComparer.Ordinal)
    {
        ["system-node-critical"] = 2000001000,
        ["system-cluster-critical"] = 2000000000,
    };

    public int Resolve(V1Pod pod)
    {
        if (pod.Spec?.Priority is { } explicitPriority)
        {
            return explicitPriority;
        }

        var className = pod.Spec?.PriorityClassName;
        if (!string.IsNullOrEmpty(className))
        {
            if (classes?.Get(null, className) is { } named)
            {
                return named.Value ?? 0;
            }

            return s_systemClasses.GetValueOrDefault(className);
        }

        return classes?.List().Where(c => c.GlobalDefault == true).Select(c => c.Value ?? 0).DefaultIfEmpty(0).Max() ?? 0;
    }
}
