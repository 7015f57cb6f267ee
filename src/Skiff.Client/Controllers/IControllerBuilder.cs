using k8s;
using k8s.Models;

namespace Skiff.Client.Controllers;

/// <summary>
/// Wires a reconciler to the events that should queue it, upstream controller-runtime style:
/// <c>ctx.NewController("replicaset").For&lt;V1ReplicaSet&gt;().Owns&lt;V1Pod&gt;().Build(reconciler)</c>.
/// </summary>
public interface IControllerBuilder
{
    /// <summary>The primary kind: its own events queue its own key.</summary>
    IControllerBuilder For<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>, new();

    /// <summary>Events on <typeparamref name="TOwned"/> queue the key of their controller owner of the primary kind.</summary>
    IControllerBuilder Owns<TOwned>()
        where TOwned : class, IKubernetesObject<V1ObjectMeta>, new();

    /// <summary>Events on <typeparamref name="T"/> queue whatever keys <paramref name="map"/> returns.</summary>
    IControllerBuilder Watches<T>(Func<T, IEnumerable<ObjectKey>> map)
        where T : class, IKubernetesObject<V1ObjectMeta>, new();

    IControllerBuilder WithWorkers(int workers);

    /// <summary>Registers the controller; it starts once the informers it uses are synced.</summary>
    void Build(IReconciler reconciler);
}
