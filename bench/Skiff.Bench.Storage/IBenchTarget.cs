namespace Skiff.Bench.Storage;

/// <summary>The handful of operations the benchmark times, so a store and a raw client run the same workload.</summary>
internal interface IBenchTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Returns the revision of the write.</summary>
    Task<long> CreateAsync(string key, byte[] value);

    Task<long> UpdateAsync(string key, byte[] value, long expectedRevision);

    Task<bool> GetAsync(string key);

    /// <summary>Returns how many keys were listed.</summary>
    Task<int> ListAsync(string prefix);

    /// <summary>Watches from now on; <paramref name="onChange"/> gets each changed key. Returns once the watch is registered.</summary>
    Task<IAsyncDisposable> WatchAsync(string prefix, Action<string> onChange);
}
