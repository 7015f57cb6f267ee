namespace Skiff.Api.Schema;

/// <summary>
/// What upstream's API type definitions declare about one field: its strategic-merge-patch strategy and merge key
/// (<c>patchStrategy</c>/<c>patchMergeKey</c> tags) and its server-side-apply shape (<c>+listType</c>,
/// <c>+listMapKey</c>, <c>+mapType</c> markers).
/// </summary>
public sealed record FieldFacts
{
    public static readonly FieldFacts None = new();

    public PatchStrategy Strategy { get; init; }

    public string? MergeKey { get; init; }

    public ListType ListType { get; init; }

    public IReadOnlyList<string> ListMapKeys { get; init; } = [];

    public MapType MapType { get; init; }
}
