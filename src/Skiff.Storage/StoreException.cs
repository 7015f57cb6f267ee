namespace Skiff.Storage;

/// <summary>
/// A store failure a caller can act on. <see cref="Current"/> is the live value on Conflict, so a retry
/// needs no extra read; <see cref="CompactRevision"/> is set on Compacted.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(StoreErrorKind kind, string message, KeyValue? current = null, long compactRevision = 0, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Current = current;
        CompactRevision = compactRevision;
    }

    public StoreErrorKind Kind { get; }

    public KeyValue? Current { get; }

    public long CompactRevision { get; }
}
