using System.Threading.Channels;

namespace Skiff.HollowNodes.Scheduling;

/// <summary>
/// A deduplicating queue of keys worked by a fixed pool, as client-go's workqueue: a key waiting is queued
/// once however often it is added, and a key being worked on is never worked on by two workers; added
/// meanwhile, it is queued again when the first finishes. That coalesces bursts of events per pod.
/// </summary>
internal sealed class WorkQueue<T>
    where T : notnull
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>();
    private readonly HashSet<T> _queued = [];
    private readonly HashSet<T> _processing = [];
    private readonly HashSet<T> _again = [];
    private readonly object _gate = new();

    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    public void Add(T key)
    {
        lock (_gate)
        {
            if (_processing.Contains(key))
            {
                _again.Add(key);
                return;
            }

            if (_queued.Add(key))
            {
                _channel.Writer.TryWrite(key);
            }
        }
    }

    public Task RunAsync(int workers, Func<T, CancellationToken, Task> work, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkerAsync(work, ct), CancellationToken.None)));

    private async Task WorkerAsync(Func<T, CancellationToken, Task> work, CancellationToken ct)
    {
        try
        {
            await foreach (var key in _channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    _queued.Remove(key);
                    _processing.Add(key);
                }

                try
                {
                    await work(key, ct).ConfigureAwait(false);
                }
                finally
                {
                    lock (_gate)
                    {
                        _processing.Remove(key);
                        if (_again.Remove(key) && _queued.Add(key))
                        {
                            _channel.Writer.TryWrite(key);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
