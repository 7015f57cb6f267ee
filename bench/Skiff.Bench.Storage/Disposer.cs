namespace Skiff.Bench.Storage;

/// <summary>Runs a cleanup action when disposed (ends a background watch).</summary>
internal sealed class Disposer(Func<ValueTask> dispose) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => dispose();
}
