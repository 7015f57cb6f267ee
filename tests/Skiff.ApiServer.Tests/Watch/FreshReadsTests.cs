using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;
using Skiff.Storage;
using Skiff.Storage.Sqlite;

namespace Skiff.ApiServer.Tests.Watch;

/// <summary>Admission's cached reads never answer older than the last write made through the same store.</summary>
public sealed class FreshReadsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-freshreads-");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));
    private IStore _store = null!;
    private WatchCaches _caches = null!;
    private ResourceStore _configMaps = null!;
    private FreshReads _reads = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(Path.Combine(_dir.FullName, "state.db"), new StoreOptions { CompactionInterval = TimeSpan.Zero });
        _configMaps = new Registries(_store, TimeProvider.System).For(ResourceCatalog.CreateBuiltIn().Find(string.Empty, "v1", "configmaps")!);
        _caches = new WatchCaches(NullLoggerFactory.Instance);
        _reads = new FreshReads(_caches);
    }

    public async Task DisposeAsync()
    {
        await _caches.DisposeAsync();
        await _store.DisposeAsync();
        _timeout.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Created_IsReadAtOnce()
    {
        for (var i = 0; i < 50; i++)
        {
            await _configMaps.CreateAsync(ConfigMap($"c{i}", "v"), dryRun: false, _timeout.Token);

            Assert.Equal("v", (string?)(await _reads.GetAsync(_configMaps, "default", $"c{i}", _timeout.Token))?["data"]?["k"]);
        }
    }

    [Fact]
    public async Task Updated_IsReadAtOnce()
    {
        await _configMaps.CreateAsync(ConfigMap("c", "0"), dryRun: false, _timeout.Token);
        for (var i = 1; i <= 50; i++)
        {
            var value = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await _configMaps.UpdateAsync("default", "c", live => ConfigMap("c", value), null, dryRun: false, _timeout.Token);

            Assert.Equal(value, (string?)(await _reads.GetAsync(_configMaps, "default", "c", _timeout.Token))?["data"]?["k"]);
        }
    }

    [Fact]
    public async Task Deleted_IsGoneAtOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            await _configMaps.CreateAsync(ConfigMap($"c{i}", "v"), dryRun: false, _timeout.Token);
            Assert.NotNull(await _reads.GetAsync(_configMaps, "default", $"c{i}", _timeout.Token));
            await _configMaps.DeleteAsync("default", $"c{i}", new DeleteRequest(), dryRun: false, _timeout.Token);

            Assert.Null(await _reads.GetAsync(_configMaps, "default", $"c{i}", _timeout.Token));
            Assert.DoesNotContain(_reads.TryList(_configMaps, "default")?.Objects ?? [], o => Json.Name(o.Object) == $"c{i}");
        }
    }

    [Fact]
    public async Task CaughtUpCache_AnswersWithItsSharedObject()
    {
        await _configMaps.CreateAsync(ConfigMap("c", "v"), dryRun: false, _timeout.Token);
        var cache = _caches.For(_configMaps);
        await cache.ListAsync(string.Empty, _configMaps.LastWriteRevision, _timeout.Token);

        var first = await _reads.GetAsync(_configMaps, "default", "c", _timeout.Token);
        var second = await _reads.GetAsync(_configMaps, "default", "c", _timeout.Token);

        Assert.Same(first, second);
        Assert.Single(_reads.TryList(_configMaps, "default")!.Objects);
    }

    [Fact]
    public async Task WithoutCaches_ReadsTheStore()
    {
        var reads = new FreshReads(null);
        await _configMaps.CreateAsync(ConfigMap("c", "v"), dryRun: false, _timeout.Token);

        Assert.Equal("v", (string?)(await reads.GetAsync(_configMaps, "default", "c", _timeout.Token))?["data"]?["k"]);
        Assert.Null(reads.TryList(_configMaps, "default"));
    }

    private static JsonObject ConfigMap(string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["data"] = new JsonObject { ["k"] = value },
    };
}
