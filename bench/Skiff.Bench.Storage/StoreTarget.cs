using Skiff.Storage;

namespace Skiff.Bench.Storage;

/// <summary>Any <see cref="IStore"/>, used exactly as the API server uses it.</summary>
internal sealed class StoreTarget(string name, IStore store, Func<ValueTask>? cleanup = null) : IBenchTarget
{
    public string Name => name;

    public Task<long> CreateAsync(string key, byte[] value) => store.CreateAsync(key, value);

    public Task<long> UpdateAsync(string key, byte[] value, long expectedRevision) => store.UpdateAsync(key, value, expectedRevision);

    public async Task<bool> GetAsync(string key) => await store.GetAsync(key) is not null;

    public async Task<int> ListAsync(string prefix) => (await store.ListAsync(prefix, ListOptions.All)).Items.Count;

    public async Task<IAsyncDisposable> WatchAsync(string prefix, Action<string> onChange)
    {
        var cts = new CancellationTokenSource();
        var from = await store.CurrentRevisionAsync();
        var pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in store.WatchAsync(prefix, from, new WatchOptions(ProgressInterval: null), cts.Token))
                {
                    onChange(e.Key);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        return new Disposer(async () =>
        {
            await cts.CancelAsync();
            await pump;
            cts.Dispose();
        });
    }

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        if (cleanup is not null)
        {
            await cleanup();
        }
    }
}
