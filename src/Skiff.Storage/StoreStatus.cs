namespace Skiff.Storage;

/// <summary>What health checks and operators want to know about the store.</summary>
public sealed record StoreStatus(bool Healthy, string Backend, long DbSizeBytes, long CurrentRevision, long CompactRevision, string? Error = null);
