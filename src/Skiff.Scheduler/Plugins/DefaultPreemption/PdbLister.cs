using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.DefaultPreemption;

/// <summary>PodDisruptionBudgets from the shared informer, or none when the handle has no informers (unit tests).</summary>
internal static class PdbLister
{
    public static Func<IReadOnlyList<V1PodDisruptionBudget>>? For(FrameworkHandle handle)
    {
        if (handle.Informers is not { } informers)
        {
            return null;
        }

        var informer = informers.Get<V1PodDisruptionBudget>();
        return () => informer.Lister.List();
    }
}
