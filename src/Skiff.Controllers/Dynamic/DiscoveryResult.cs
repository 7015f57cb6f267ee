namespace Skiff.Controllers.Dynamic;

/// <summary>
/// What discovery found. <see cref="Preferred"/> holds each resource once, in the first version its group lists
/// (upstream's ServerPreferredResources); <see cref="All"/> holds every served version, for resolving owner kinds.
/// <see cref="FailedGroups"/> maps a group version that could not be read to why; discovery failures are partial.
/// </summary>
public sealed record DiscoveryResult(IReadOnlyList<ApiResource> All, IReadOnlyList<ApiResource> Preferred, IReadOnlyDictionary<string, string> FailedGroups)
{
    public static DiscoveryResult Empty { get; } = new([], [], new Dictionary<string, string>());

    /// <summary>Finds the resource serving <paramref name="kind"/> in <paramref name="apiVersion"/>, as a REST mapper would.</summary>
    public ApiResource? ForKind(string apiVersion, string kind) =>
        All.FirstOrDefault(r => r.GroupVersion == apiVersion && r.Kind == kind);

    /// <summary>Upstream's ErrGroupDiscoveryFailed text.</summary>
    public string FailureMessage() =>
        "unable to retrieve the complete list of server APIs: " +
        string.Join(", ", FailedGroups.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}"));
}
