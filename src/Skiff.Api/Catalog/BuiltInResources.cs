namespace Skiff.Api.Catalog;

/// <summary>
/// The resources kube-apiserver 1.33 serves out of the box, with the facts its discovery lists.
/// Each group's entries live in a file of their own; within a group they are in discovery order.
/// </summary>
public static partial class BuiltInResources
{
    // Shared lists are computed, not stored: static fields spread over partial files have no defined initialisation order.
    private static IReadOnlyList<string> CreateOnly => ["create"];

    /// <summary>
    /// The named groups in the order kube-apiserver lists them under /apis, and each group's
    /// versions with the preferred one first. Upstream orders groups by a fixed priority table
    /// rather than alphabetically; kubectl relies on that order when two groups share a resource
    /// name (events resolves to the core group, then events.k8s.io).
    /// </summary>
    public static IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> GroupOrder { get; } =
    [
        ("apiregistration.k8s.io", ["v1"]),
        ("apps", ["v1"]),
        ("events.k8s.io", ["v1"]),
        ("authentication.k8s.io", ["v1"]),
        ("authorization.k8s.io", ["v1"]),
        ("autoscaling", ["v2", "v1"]),
        ("batch", ["v1"]),
        ("certificates.k8s.io", ["v1"]),
        ("networking.k8s.io", ["v1"]),
        ("policy", ["v1"]),
        ("rbac.authorization.k8s.io", ["v1"]),
        ("storage.k8s.io", ["v1"]),
        ("admissionregistration.k8s.io", ["v1"]),
        ("apiextensions.k8s.io", ["v1"]),
        ("scheduling.k8s.io", ["v1"]),
        ("coordination.k8s.io", ["v1"]),
        ("node.k8s.io", ["v1"]),
        ("discovery.k8s.io", ["v1"]),
        ("flowcontrol.apiserver.k8s.io", ["v1"]),
    ];

    public static IReadOnlyList<ResourceInfo> All { get; } =
    [
        .. Core,
        .. Apps,
        .. Batch,
        .. Autoscaling,
        .. Networking,
        .. Discovery,
        .. Coordination,
        .. Rbac,
        .. Policy,
        .. Storage,
        .. Scheduling,
        .. Events,
        .. Authentication,
        .. Authorization,
        .. ApiExtensions,
        .. AdmissionRegistration,
        .. ApiRegistration,
        .. FlowControl,
        .. Certificates,
        .. Node,
    ];

    private static ResourceInfo Entry(
        string group,
        string version,
        string resource,
        string kind,
        bool namespaced,
        Type model,
        IReadOnlyList<string>? shortNames = null,
        IReadOnlyList<string>? categories = null,
        IReadOnlyList<SubresourceInfo>? subresources = null,
        IReadOnlyList<string>? verbs = null,
        string? storageVersion = null,
        string? storageGroup = null,
        bool stored = true) => new()
        {
            Group = group,
            Version = version,
            Resource = resource,
            Kind = kind,
            SingularName = kind.ToLowerInvariant(),
            Namespaced = namespaced,
            ModelType = model,
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
            Subresources = subresources ?? [],
            Verbs = verbs ?? ResourceInfo.AllVerbs,
            StorageVersion = storageVersion ?? version,
            StorageGroup = storageGroup,
            Stored = stored,
        };
}
