using System.Collections.Concurrent;
using System.Text;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Informers;

namespace Skiff.Client.Tests.Informers;

public sealed class InformerScopeTests : IDisposable
{
    private static readonly InformerOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(50) };

    private readonly FakeApi _api = new();
    private readonly CancellationTokenSource _stop = new();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task TwoScopes_ShareOneListAndWatch_AndEachGetsEveryEvent()
    {
        _api.List("10", null, FakeApi.Pod("a", "3"));
        var shared = new SharedInformerFactory(_api.NewClient(), TimeProvider.System, NullLoggerFactory.Instance, Fast);
        shared.Start(_stop.Token);
        using var scheduler = new InformerScope(shared);
        using var controllers = new InformerScope(shared);
        var seenByScheduler = new ConcurrentQueue<string>();
        var seenByControllers = new ConcurrentQueue<string>();
        scheduler.Get<V1Pod>().AddHandler(e => seenByScheduler.Enqueue($"{e.Type} {e.Object.Metadata.Name}"));
        controllers.Get<V1Pod>().AddHandler(e => seenByControllers.Enqueue($"{e.Type} {e.Object.Metadata.Name}"));
        await Eventually.TrueAsync(() => _api.Live is not null, "the watch");

        await Feed(FakeApi.Event("ADDED", FakeApi.Pod("b", "11")));

        await Eventually.TrueAsync(() => seenByScheduler.Count == 2 && seenByControllers.Count == 2, "both scopes see a and b");
        Assert.Equal(["Added a", "Added b"], seenByScheduler);
        Assert.Equal(["Added a", "Added b"], seenByControllers);
        Assert.Single(_api.Requests, r => r.Query.Contains("watch=", StringComparison.Ordinal));
        Assert.Single(_api.Requests, r => r.Query.Contains("limit=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisposedScope_StopsItsHandlers_WhileTheInformerAndOtherScopesGoOn()
    {
        _api.List("10", null);
        var shared = new SharedInformerFactory(_api.NewClient(), TimeProvider.System, NullLoggerFactory.Instance, Fast);
        shared.Start(_stop.Token);
        var ended = new InformerScope(shared);
        using var staying = new InformerScope(shared);
        var seenByEnded = new ConcurrentQueue<string>();
        var seenByStaying = new ConcurrentQueue<string>();
        ended.Get<V1Pod>().AddHandler(e => seenByEnded.Enqueue(e.Object.Metadata.Name));
        staying.Get<V1Pod>().AddHandler(e => seenByStaying.Enqueue(e.Object.Metadata.Name));
        await Eventually.TrueAsync(() => _api.Live is not null, "the watch");
        await Feed(FakeApi.Event("ADDED", FakeApi.Pod("a", "11")));
        await Eventually.TrueAsync(() => seenByEnded.Count == 1 && seenByStaying.Count == 1, "a delivered to both");

        ended.Dispose();
        ended.Start(CancellationToken.None);
        await Feed(FakeApi.Event("ADDED", FakeApi.Pod("b", "12")));

        await Eventually.TrueAsync(() => seenByStaying.Count == 2, "b delivered to the staying scope");
        Assert.Equal(["a"], seenByEnded);
        Assert.Equal(2, staying.Get<V1Pod>().Lister.List().Count);
    }

    [Fact]
    public async Task HandlerAddedAfterTheScopeEnded_ReceivesNothing()
    {
        _api.List("10", null, FakeApi.Pod("a", "3"));
        var shared = new SharedInformerFactory(_api.NewClient(), TimeProvider.System, NullLoggerFactory.Instance, Fast);
        shared.Start(_stop.Token);
        await shared.Get<V1Pod>().Synced.WaitAsync(TimeSpan.FromSeconds(5));
        var scope = new InformerScope(shared);
        scope.Dispose();
        var seen = new ConcurrentQueue<string>();
        var witness = new ConcurrentQueue<string>();

        scope.Get<V1Pod>().AddHandler(e => seen.Enqueue(e.Object.Metadata.Name));
        shared.Get<V1Pod>().AddHandler(e => witness.Enqueue(e.Object.Metadata.Name));

        await Eventually.TrueAsync(() => witness.Count == 1, "the replay of a to a live handler");
        Assert.Empty(seen);
    }

    private async Task Feed(params string[] lines)
    {
        await _api.Live!.Writer.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        await _api.Live.Writer.FlushAsync();
    }
}
