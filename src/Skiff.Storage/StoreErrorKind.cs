namespace Skiff.Storage;

/// <summary>The few store failures callers handle; each maps to one HTTP status at the API.</summary>
public enum StoreErrorKind
{
    /// <summary>Create of a live key (409 AlreadyExists).</summary>
    KeyExists,

    /// <summary>The key changed since the expected revision (409 Conflict).</summary>
    Conflict,

    /// <summary>Update or delete of a key that is not live (404).</summary>
    NotFound,

    /// <summary>The revision asked for is older than the compaction point (410 Gone).</summary>
    Compacted,

    /// <summary>The value is over the size limit (413).</summary>
    TooLarge,

    /// <summary>A watch consumer fell behind its buffer; resume from the last revision seen (410 at the API).</summary>
    WatchLagging,

    /// <summary>The continue token is not one this store issued (400).</summary>
    InvalidContinue,

    /// <summary>The backend cannot be reached or opened (500/503).</summary>
    Unavailable,
}
