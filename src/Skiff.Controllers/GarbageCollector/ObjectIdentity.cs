using k8s.Models;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>An object's coordinates in the ownership graph; an owner seen only through a reference carries the dependent's namespace.</summary>
public sealed record ObjectIdentity(string ApiVersion, string Kind, string? Namespace, string Name, string Uid)
{
    public static ObjectIdentity OfOwner(V1OwnerReference owner, string? dependentNamespace) =>
        new(owner.ApiVersion, owner.Kind, dependentNamespace, owner.Name, owner.Uid);

    /// <summary>Upstream's objectReference print form, used in its event messages.</summary>
    public override string ToString() => $"[{ApiVersion}/{Kind}, namespace: {Namespace}, name: {Name}, uid: {Uid}]";
}
