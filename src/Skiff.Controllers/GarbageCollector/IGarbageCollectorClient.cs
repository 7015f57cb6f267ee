using k8s.Models;
using Skiff.Client.Informers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// Every API call the collector makes; a fake in tests. Writes carry preconditions (uid, resourceVersion) so a
/// stale decision never touches a newer object. A target that is gone is not an error.
/// </summary>
public interface IGarbageCollectorClient
{
    /// <summary>The live object's metadata, or null when it does not exist.</summary>
    Task<PartialObject?> GetAsync(ApiResource resource, string? ns, string name, CancellationToken ct);

    /// <summary>Deletes with a uid precondition and the given propagationPolicy.</summary>
    Task DeleteAsync(ApiResource resource, ObjectIdentity target, string propagationPolicy, CancellationToken ct);

    /// <summary>Replaces metadata.ownerReferences of <paramref name="latest"/>, if it is still that version.</summary>
    Task SetOwnerReferencesAsync(ApiResource resource, PartialObject latest, IReadOnlyList<V1OwnerReference> owners, CancellationToken ct);

    /// <summary>Removes one finalizer of <paramref name="latest"/>, if it is still that version.</summary>
    Task RemoveFinalizerAsync(ApiResource resource, PartialObject latest, string finalizer, CancellationToken ct);
}
