using System.Collections.Concurrent;
using System.Net;
using System.Text;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Informers;

namespace Skiff.Client.Tests.Informers;

public sealed class InformerTests : IDisposable
{
    private static readonly InformerOptions Fast = new() { PageSize = 2, InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(50) };

    private readonly FakeApi _api = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _seen = new();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task List_PagesThenWatchesFromTheListVersion_AndResumesFromTheLastBookmark()
    {
        _api.List("10", "page2", FakeApi.Pod("a", "3"), FakeApi.Pod("b", "4"))
            .List("10", null, FakeApi.Pod("c", "5"))
            .Watch(FakeApi.Event("ADDED", FakeApi.Pod("d", "11")), FakeApi.Bookmark("15"));
        var informer = Start();

        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => _api.Live is not null, "the resumed watch");

        Assert.Equal(["a", "b", "c", "d"], informer.Lister.List().Select(p => p.Metadata.Name).Order());
        var requests = _api.Requests.Select(u => u.PathAndQuery).ToList();
        Assert.Equal("/api/v1/pods?limit=2", requests[0]);
        Assert.Equal("/api/v1/pods?limit=2&continue=page2", requests[1]);
        Assert.Contains("resourceVersion=10&allowWatchBookmarks=true", requests[2], StringComparison.Ordinal);
        Assert.Contains("resourceVersion=15&allowWatchBookmarks=true", requests[3], StringComparison.Ordinal);
        Assert.Equal(2, requests.Count(r => r.Contains("limit=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Watch_DeliversEventsInOrderAfterTheCacheHasThem()
    {
        _api.List("10", null, FakeApi.Pod("a", "3"));
        var informer = Start();
        var cachedAtDelivery = new ConcurrentQueue<string?>();
        informer.AddHandler(e => cachedAtDelivery.Enqueue(informer.Lister.Get("default", e.Object.Metadata.Name)?.Metadata.ResourceVersion));
        await Eventually.TrueAsync(() => _api.Live is not null, "the watch");

        await Feed(FakeApi.Event("MODIFIED", FakeApi.Pod("a", "11")), FakeApi.Event("ADDED", FakeApi.Pod("b", "12")), FakeApi.Event("DELETED", FakeApi.Pod("a", "13")));

        await Eventually.TrueAsync(() => _seen.Count == 4, "four events");
        Assert.Equal(["Added a", "Modified a", "Added b", "Deleted a"], _seen);
        Assert.Equal("b", Assert.Single(informer.Lister.List()).Metadata.Name);
        Assert.Equal("3", cachedAtDelivery.First());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Watch_TooOldResourceVersion_RelistsAndReportsWhatChanged(bool asWatchEvent)
    {
        _api.List("5", null, FakeApi.Pod("a", "1"), FakeApi.Pod("b", "2"))
            .List("9", null, FakeApi.Pod("b", "7"), FakeApi.Pod("c", "8"));
        if (asWatchEvent)
        {
            _api.Watch(FakeApi.Expired());
        }
        else
        {
            _api.WatchStatus(HttpStatusCode.Gone, "Expired");
        }

        var informer = Start();

        await Eventually.TrueAsync(() => _seen.Count == 5, "initial adds and the relist diff");
        Assert.Equal(["Added a", "Added b"], _seen.Take(2));
        Assert.Equal(["Added c", "Deleted a", "Modified b"], _seen.Skip(2).Order());
        Assert.Equal(["b", "c"], informer.Lister.List().Select(p => p.Metadata.Name).Order());
        Assert.Contains(_api.Requests, u => u.Query.Contains("watch=true&resourceVersion=9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_ServerError_RetriesWithBackoffUntilItSyncs()
    {
        var informer = Start();
        await Eventually.TrueAsync(() => _api.Requests.Count >= 2, "a retried list");
        Assert.False(informer.Synced.IsCompleted);

        _api.List("3", null, FakeApi.Pod("a", "2"));

        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(informer.Lister.Get("default", "a"));
    }

    [Fact]
    public async Task AddHandler_AfterSync_ReplaysTheCacheThenFollowsChanges()
    {
        _api.List("10", null, FakeApi.Pod("a", "3"), FakeApi.Pod("b", "4"));
        var informer = Start(handler: false);
        await Eventually.TrueAsync(() => _api.Live is not null, "the watch");

        informer.AddHandler(Record);
        await Feed(FakeApi.Event("ADDED", FakeApi.Pod("c", "11")));

        await Eventually.TrueAsync(() => _seen.Count == 3, "replay and one event");
        Assert.Equal(["Added a", "Added b"], _seen.Take(2).Order());
        Assert.Equal("Added c", _seen.Last());
    }

    [Fact]
    public async Task Handler_ThatThrows_DoesNotStopDeliveries()
    {
        _api.List("10", null, FakeApi.Pod("a", "3"), FakeApi.Pod("b", "4"));
        var informer = Start(handler: false);
        informer.AddHandler(e => throw new InvalidOperationException("boom"));
        informer.AddHandler(Record);

        await Eventually.TrueAsync(() => _seen.Count == 2, "both objects");
    }

    [Fact]
    public async Task Handler_Disposed_GetsNoMoreEvents()
    {
        _api.List("10", null);
        var informer = Start(handler: false);
        var registration = informer.AddHandler(Record);
        await Eventually.TrueAsync(() => _api.Live is not null, "the watch");

        registration.Dispose();
        await Feed(FakeApi.Event("ADDED", FakeApi.Pod("c", "11")));

        await Eventually.TrueAsync(() => informer.Lister.Get("default", "c") is not null, "the cached add");
        await Task.Delay(50);
        Assert.Empty(_seen);
    }

    [Fact]
    public async Task Indexer_FollowsWatchEvents()
    {
        _api.List("10", null, FakeApi.Pod("a", "3"));
        var informer = Start();
        informer.AddIndex("name-length", p => [p.Metadata.Name.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await Eventually.TrueAsync(() => _api.Live is not null, "the watch");

        await Feed(FakeApi.Event("ADDED", FakeApi.Pod("bb", "11")), FakeApi.Event("ADDED", FakeApi.Pod("cc", "12")));

        await Eventually.TrueAsync(() => informer.Lister.ByIndex("name-length", "2").Count == 2, "indexed adds");
        Assert.Single(informer.Lister.ByIndex("name-length", "1"));
        Assert.Single(informer.Lister.ByIndex(Skiff.Client.Cache.ObjectCache<V1Pod>.NamespaceIndex, "default"), p => p.Metadata.Name == "a");
    }

    [Fact]
    public async Task Informer_FillsApiVersionAndKindOfListItems()
    {
        _api.List("10", null, FakeApi.Pod("a", "3"));
        var informer = Start();

        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));

        var pod = informer.Lister.Get("default", "a")!;
        Assert.Equal(("v1", "Pod"), (pod.ApiVersion, pod.Kind));
    }

    [Fact]
    public async Task MetadataInformer_LearnsTheKindFromTheList()
    {
        _api.List("10", null, FakeApi.Pod("a", "3"));
        using var client = _api.NewClient();
        var factory = new SharedInformerFactory(client, TimeProvider.System, NullLoggerFactory.Instance, Fast);
        var informer = factory.GetMetadata(string.Empty, "v1", "pods");
        factory.Start(_stop.Token);

        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));

        var partial = informer.Lister.Get("default", "a")!;
        Assert.Equal(("v1", "Pod", "3"), (partial.ApiVersion, partial.Kind, partial.Metadata.ResourceVersion));
    }

    [Fact]
    public void Factory_SameType_SharesOneInformer()
    {
        using var client = _api.NewClient();
        var factory = new SharedInformerFactory(client, TimeProvider.System, NullLoggerFactory.Instance, Fast);

        Assert.Same(factory.Get<V1Pod>(), factory.Get<V1Pod>());
        Assert.Same(factory.GetMetadata("apps", "v1", "deployments"), factory.GetMetadata("apps", "v1", "deployments"));
        Assert.NotSame(factory.Get<V1Pod>(), factory.Get<V1Service>());
    }

    private IInformer<V1Pod> Start(bool handler = true)
    {
        var client = _api.NewClient();
        var factory = new SharedInformerFactory(client, TimeProvider.System, NullLoggerFactory.Instance, Fast);
        var informer = factory.Get<V1Pod>();
        if (handler)
        {
            informer.AddHandler(Record);
        }

        factory.Start(_stop.Token);
        return informer;
    }

    private void Record(InformerEvent<V1Pod> e) => _seen.Enqueue($"{e.Type} {e.Object.Metadata.Name}");

    private async Task Feed(params string[] lines)
    {
        await _api.Live!.Writer.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        await _api.Live.Writer.FlushAsync();
    }
}
