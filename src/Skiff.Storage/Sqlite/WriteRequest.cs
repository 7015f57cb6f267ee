namespace Skiff.Storage.Sqlite;

internal enum WriteKind
{
    Create,
    Update,
    Delete,
    Compact,
}

/// <summary>What a caller asked the writer to do, and where the writer puts the answer.</summary>
internal sealed class WriteRequest
{
    private WriteRequest(WriteKind kind, string key, byte[] value, long expected)
    {
        Kind = kind;
        Key = key;
        Value = value;
        Expected = expected;
    }

    public WriteKind Kind { get; }

    public string Key { get; }

    public byte[] Value { get; }

    /// <summary>Update/Delete: the modRevision the key must still have (0: any). Compact: the target revision.</summary>
    public long Expected { get; }

    public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set while the batch is applied; handed to the caller only after the commit is durable.</summary>
    public WriteResult? Result { get; set; }

    public Exception? Error { get; set; }

    public static WriteRequest Create(string key, byte[] value) => new(WriteKind.Create, key, value, 0);

    public static WriteRequest Update(string key, byte[] value, long expected) => new(WriteKind.Update, key, value, expected);

    public static WriteRequest Delete(string key, long? expected) => new(WriteKind.Delete, key, [], expected ?? 0);

    public static WriteRequest Compact(long revision) => new(WriteKind.Compact, string.Empty, [], revision);
}

/// <summary>The revision a write took; for a delete, also the value it removed.</summary>
internal sealed record WriteResult(long Revision, KeyValue? Previous);
