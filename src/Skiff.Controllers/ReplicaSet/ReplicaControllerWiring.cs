using k8s.Models;
using Skiff.Client;
using Skiff.Client.Controllers;
using Skiff.Client.Informers;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>The parts of setting up the ReplicaSet and ReplicationController controllers that do not depend on the kind.</summary>
internal static class ReplicaControllerWiring
{
    public const int Workers = 5;

    /// <summary>Builds the reconciler and feeds its expectations from pod events.</summary>
    public static ReplicaSetReconciler NewReconciler(ControllerContext context, IReplicaKind kind, IInformer<V1Pod> podInformer, string component)
    {
        var expectations = new PodExpectations(context.Time);
        podInformer.AddHandler(e =>
        {
            if (PodState.ControllerOf(e.Object) is { } controller && kind.IsKindOf(controller))
            {
                expectations.Observe(new ObjectKey(e.Object.Metadata.NamespaceProperty, controller.Name), e.Object, e.Type);
            }
        });
        return new ReplicaSetReconciler(
            kind,
            podInformer.Lister,
            new KubernetesPodControl(context.Client, kind),
            expectations,
            context.Recorders(component),
            context.Time,
            context.Loggers.CreateLogger(typeof(ReplicaSetReconciler).FullName + "." + kind.Kind));
    }

    /// <summary>
    /// For a pod without a controller, every owner of this kind whose selector matches it, so orphans get adopted
    /// when they appear, not at the next unrelated sync. Pods with a controller are queued by Owns.
    /// </summary>
    public static IEnumerable<ObjectKey> OrphanOwners(IReplicaKind kind, V1Pod pod)
    {
        if (PodState.ControllerOf(pod) is not null || pod.Metadata?.NamespaceProperty is not { } ns)
        {
            return [];
        }

        var labels = PodState.Labels(pod);
        return [.. kind.List(ns).Where(o => o.Selector?.Matches(labels) == true).Select(o => o.Key)];
    }
}
