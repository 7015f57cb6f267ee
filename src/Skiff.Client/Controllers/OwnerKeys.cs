using k8s;
using k8s.Models;

namespace Skiff.Client.Controllers;

/// <summary>The key of an object's controller owner of one kind, as upstream's EnqueueRequestForOwner(OnlyControllerOwner).</summary>
internal static class OwnerKeys
{
    public static IEnumerable<ObjectKey> Of(IMetadata<V1ObjectMeta>? obj, string ownerGroup, string ownerKind, bool ownerNamespaced)
    {
        if (obj?.Metadata?.OwnerReferences is not { } owners)
        {
            yield break;
        }

        foreach (var owner in owners)
        {
            if (owner.Controller == true && owner.Kind == ownerKind && GroupOf(owner.ApiVersion) == ownerGroup)
            {
                yield return new ObjectKey(ownerNamespaced ? obj.Metadata.NamespaceProperty : null, owner.Name);
            }
        }
    }

    private static string GroupOf(string? apiVersion)
    {
        var slash = apiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash < 0 ? string.Empty : apiVersion![..slash];
    }
}
