using System.Collections.Concurrent;
using Skiff.Client.Controllers;

namespace Skiff.Client.Tests.Controllers;

/// <summary>Records the keys it is asked about and answers with whatever the test scripted for the n-th call.</summary>
internal sealed class RecordingReconciler(Func<ObjectKey, int, ReconcileResult>? behave = null) : IReconciler
{
    private int _calls;

    public ConcurrentQueue<ObjectKey> Keys { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        Keys.Enqueue(key);
        var call = Interlocked.Increment(ref _calls);
        return Task.FromResult(behave?.Invoke(key, call) ?? ReconcileResult.Done);
    }
}
