namespace Skiff.Api.Catalog;

/// <summary>
/// A subresource such as pods/status or deployments/scale. Group and Version are set when the
/// subresource's kind lives in another group (Scale is autoscaling/v1, Eviction is policy/v1).
/// </summary>
public sealed record SubresourceInfo(string Name, string Kind, IReadOnlyList<string> Verbs, string? Group = null, string? Version = null);
