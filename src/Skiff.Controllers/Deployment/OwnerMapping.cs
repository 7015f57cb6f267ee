using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;

namespace Skiff.Controllers.Deployment;

/// <summary>Which Deployments an event on a ReplicaSet or Pod should wake.</summary>
internal static class OwnerMapping
{
    /// <summary>For an orphaned ReplicaSet, every Deployment in its namespace whose selector matches it (one may adopt it).</summary>
    public static IEnumerable<ObjectKey> AdoptersOf(V1ReplicaSet rs, ILister<V1Deployment> deployments)
    {
        if (Ownership.ControllerOf(rs) is not null || rs.Metadata?.Labels is not { Count: > 0 })
        {
            return [];
        }

        return deployments.List(rs.Metadata.NamespaceProperty)
            .Where(d => !Selectors.SelectsEverything(d.Spec?.Selector) && Matches(d, rs))
            .Select(ObjectKey.Of)
            .ToList();
    }

    /// <summary>
    /// A pod's Deployment (through its ReplicaSet) when that Deployment uses Recreate: only Recreate waits on pods,
    /// and waking every rolling Deployment on each pod change would be wasted work.
    /// </summary>
    public static IEnumerable<ObjectKey> RecreateDeploymentOf(V1Pod pod, ILister<V1ReplicaSet> replicaSets, ILister<V1Deployment> deployments)
    {
        if (Ownership.ControllerOf(pod) is not { Kind: "ReplicaSet" } rsRef
            || replicaSets.Get(pod.Metadata.NamespaceProperty, rsRef.Name) is not { } rs
            || rs.Metadata.Uid != rsRef.Uid
            || Ownership.ControllerOf(rs) is not { Kind: "Deployment" } dRef
            || deployments.Get(rs.Metadata.NamespaceProperty, dRef.Name) is not { } d
            || d.Metadata.Uid != dRef.Uid
            || d.Spec?.Strategy?.Type != "Recreate")
        {
            return [];
        }

        return [ObjectKey.Of(d)];
    }

    private static bool Matches(V1Deployment d, V1ReplicaSet rs)
    {
        try
        {
            return Selectors.Matches(Selectors.From(d.Spec.Selector), rs);
        }
        catch (Skiff.Api.Selectors.SelectorParseException)
        {
            return false;
        }
    }
}
