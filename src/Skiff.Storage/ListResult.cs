namespace Skiff.Storage;

/// <summary>
/// One page of a list. <see cref="Revision"/> is the snapshot the page was read at;
/// <see cref="Continue"/> is null on the last page; <see cref="RemainingCount"/> counts keys after this page.
/// </summary>
public sealed record ListResult(IReadOnlyList<KeyValue> Items, long Revision, string? Continue, long RemainingCount);
