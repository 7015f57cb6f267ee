namespace Skiff.Storage;

/// <summary>A live key with its value and the revisions that created and last modified it.</summary>
public sealed record KeyValue(string Key, byte[] Value, long ModRevision, long CreateRevision);
