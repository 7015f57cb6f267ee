using k8s;
using k8s.Models;

namespace Skiff.Client.Informers;

/// <summary>One informer per resource type for the whole process, however many controllers ask.</summary>
public interface ISharedInformerFactory
{
    /// <summary>The informer for a built-in typed kind (resource path from the model's KubernetesEntity attribute).</summary>
    IInformer<T> Get<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>, new();

    /// <summary>A metadata-only informer for any resource, custom ones included; group "" is the core group.</summary>
    IInformer<PartialObject> GetMetadata(string group, string version, string plural);

    /// <summary>Starts every informer asked for so far (and later ones as they are asked for).</summary>
    void Start(CancellationToken ct);
}
