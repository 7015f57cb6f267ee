using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Watch;

/// <summary>One <see cref="WatchCache"/> per stored resource, started on first use.</summary>
public sealed class WatchCaches : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WatchCache> _caches = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggers;

    public WatchCaches(ILoggerFactory loggers)
    {
        _loggers = loggers;
    }

    public WatchCache For(ResourceStore resource)
    {
        var cache = _caches.GetOrAdd(resource.Info.StoragePrefix, _ => new WatchCache(resource, _loggers.CreateLogger<WatchCache>()));
        cache.Start();
        return cache;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cache in _caches.Values)
        {
            await cache.DisposeAsync().ConfigureAwait(false);
        }

        _caches.Clear();
    }
}
