namespace Skiff.Storage;

/// <summary>The value a delete removed, and the revision of the delete.</summary>
public sealed record DeleteResult(KeyValue Deleted, long Revision);
