namespace Skiff.Api.Catalog;

/// <summary>
/// What the API knows about one served resource at one group-version: the facts discovery lists,
/// the shape handlers need, and where it lives in the store.
/// </summary>
public sealed record ResourceInfo
{
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>"" for the core group.</summary>
    public required string Group { get; init; }

    public required string Version { get; init; }

    /// <summary>The plural, lower-case resource name used in paths ("deployments").</summary>
    public required string Resource { get; init; }

    public required string Kind { get; init; }

    public required string SingularName { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<SubresourceInfo> Subresources { get; init; } = [];

    /// <summary>The KubernetesClient model class, when one exists (null for custom resources).</summary>
    public Type? ModelType { get; init; }

    /// <summary>
    /// The group-version objects are stored at. Versions of one resource share one storage key
    /// space, so a request at another version is converted to and from this one.
    /// </summary>
    public string StorageVersion { get; init; } = string.Empty;

    /// <summary>
    /// The group whose key space holds the objects; null means <see cref="Group"/>. Upstream keeps
    /// events.k8s.io Events in the core Event key space, stored as core v1.
    /// </summary>
    public string? StorageGroup { get; init; }

    /// <summary>False for resources that are never stored (bindings, componentstatuses, reviews).</summary>
    public bool Stored { get; init; } = true;

    /// <summary>
    /// The storageVersionHash discovery lists: base64 of the first 8 bytes of SHA-256 over
    /// "group/version/kind" of the storage version; null when nothing is stored.
    /// </summary>
    public string? StorageVersionHash =>
        Stored
            ? Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes($"{StorageGroup ?? Group}/{StorageVersion}/{Kind}"))[..8])
            : null;

    public string StorageGroupVersion =>
        (StorageGroup ?? Group) is { Length: > 0 } g ? $"{g}/{StorageVersion}" : StorageVersion;

    /// <summary>A CRD version's additionalPrinterColumns, for server-side printing of custom resources.</summary>
    public System.Text.Json.Nodes.JsonArray? PrinterColumns { get; init; }

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The kind of a list of these objects; a CRD may name it (spec.names.listKind), others are Kind + "List".</summary>
    public string ListKind
    {
        get => field ?? Kind + "List";
        init;
    }

    /// <summary>
    /// The store prefix for all objects of this resource: "/registry/pods/" for the core group,
    /// "/registry/apps/deployments/" for others, shared by every version.
    /// </summary>
    public string StoragePrefix => (StorageGroup ?? Group) is { Length: > 0 } g ? $"/registry/{g}/{Resource}/" : $"/registry/{Resource}/";

    public SubresourceInfo? FindSubresource(string name) =>
        Subresources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>True when <paramref name="name"/> names this resource as kubectl would: plural, singular, short name or kind, ignoring case.</summary>
    public bool IsNamedBy(string name) =>
        string.Equals(Resource, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(SingularName, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Kind, name, StringComparison.OrdinalIgnoreCase)
        || ShortNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    public bool Supports(string verb) => Verbs.Contains(verb, StringComparer.Ordinal);
}
