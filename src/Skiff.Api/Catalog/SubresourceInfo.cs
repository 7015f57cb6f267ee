namespace Skiff.Api.Catalog;

/// <summary>
/// A subresource such as pods/status or deployments/scale. Group and Version are set when the
/// subresource's kind lives in another group (Scale is autoscaling/v1, Eviction is policy/v1).
/// </summary>
public sealed record SubresourceInfo(string Name, string Kind, IReadOnlyList<string> Verbs, string? Group = null, string? Version = null)
{
    public static readonly IReadOnlyList<string> GetPatchUpdate = ["get", "patch", "update"];

    public static readonly IReadOnlyList<string> ProxyVerbs = ["create", "delete", "get", "patch", "update"];

    /// <summary>The usual status subresource: same kind, get/patch/update.</summary>
    public static SubresourceInfo Status(string kind) => new("status", kind, GetPatchUpdate);

    /// <summary>The autoscaling/v1 Scale subresource every scalable workload serves.</summary>
    public static SubresourceInfo Scale() => new("scale", "Scale", GetPatchUpdate, "autoscaling", "v1");
}
