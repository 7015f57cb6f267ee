namespace Skiff.Client.Queue;

/// <summary>
/// Keys waiting for a worker: a key queued many times is handed out once, and never to two workers at once
/// (a key added while being processed is handed out again after <see cref="Done"/>).
/// </summary>
public interface IWorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    int Count { get; }

    void Add(TKey key);

    void AddAfter(TKey key, TimeSpan delay);

    /// <summary>Adds after the key's own exponential backoff, within the overall rate limit.</summary>
    void AddRateLimited(TKey key);

    /// <summary>Clears the key's backoff history (call after a success).</summary>
    void Forget(TKey key);

    int Retries(TKey key);

    /// <summary>Waits for a key; returns false once the queue is shut down and drained.</summary>
    ValueTask<(bool Ok, TKey Key)> TakeAsync(CancellationToken ct);

    void Done(TKey key);

    void ShutDown();
}
