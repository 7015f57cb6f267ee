using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;
using Skiff.Storage.Sqlite;

namespace Skiff.ApiServer.Tests.Watch;

public sealed class WatchCacheTests
{
    [Fact]
    public async Task Subscriber_ReceivesAWriteMadeAfterItSubscribed()
    {
        var dir = Directory.CreateTempSubdirectory("skiff-watchcache-");
        try
        {
            await using var store = await SqliteStore.OpenAsync(Path.Combine(dir.FullName, "state.db"), new Storage.StoreOptions { CompactionInterval = TimeSpan.Zero });
            await store.CreateAsync("/registry/namespaces/default", "{}"u8.ToArray());
            var registries = new Registries(store, TimeProvider.System);
            var configMaps = registries.For(ResourceCatalog.CreateBuiltIn().Find(string.Empty, "v1", "configmaps")!);
            await using var caches = new WatchCaches(NullLoggerFactory.Instance);
            var cache = caches.For(configMaps);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var subscription = await cache.SubscribeAsync(string.Empty, 0, initialState: true, timeout.Token);

            await configMaps.CreateAsync(
                new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = "default" } },
                dryRun: false, timeout.Token);

            CacheEvent e;
            do
            {
                e = await subscription!.Events.ReadAsync(timeout.Token);
            }
            while (e.Type == CacheEventType.Bookmark);

            Assert.Equal(CacheEventType.Added, e.Type);
            Assert.Equal("c", Json.Name(e.Object!.Object));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
