using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.Client.Controllers;
using Skiff.Client.Informers;
using Skiff.Client.Tests.Informers;

namespace Skiff.Client.Tests.Controllers;

public sealed class ControllerTests : IDisposable
{
    private readonly FakeInformerFactory _informers = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CancellationTokenSource _stop = new();
    private Controller? _controller;

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    [Fact]
    public async Task For_QueuesTheObjectsOwnKey()
    {
        var reconciler = new RecordingReconciler();
        Run(b => b.For<V1ReplicaSet>(), reconciler);

        _informers.Fake<V1ReplicaSet>().Emit(InformerEventType.Added, ReplicaSet("web"));

        await Eventually.TrueAsync(() => reconciler.Calls == 1, "one reconcile");
        Assert.Equal(new ObjectKey("default", "web"), Assert.Single(reconciler.Keys));
    }

    [Theory]
    [InlineData("apps/v1", "ReplicaSet", true, true)]
    [InlineData("apps/v1", "ReplicaSet", false, false)]
    [InlineData("apps/v1", "Deployment", true, false)]
    [InlineData("v1", "ReplicaSet", true, false)]
    public async Task Owns_QueuesOnlyTheControllerOwnerOfThePrimaryKind(string apiVersion, string kind, bool controller, bool queued)
    {
        var reconciler = new RecordingReconciler();
        Run(b => b.For<V1ReplicaSet>().Owns<V1Pod>(), reconciler);

        _informers.Fake<V1Pod>().Emit(InformerEventType.Added, Pod("p", Owner(apiVersion, kind, "web", controller)));
        _informers.Fake<V1ReplicaSet>().Emit(InformerEventType.Added, ReplicaSet("marker"));

        await Eventually.TrueAsync(() => reconciler.Keys.Any(k => k.Name == "marker"), "the marker");
        Assert.Equal(queued, reconciler.Keys.Contains(new ObjectKey("default", "web")));
    }

    [Fact]
    public async Task Owns_UpdateThatChangesTheOwner_QueuesOldAndNewOwner()
    {
        var reconciler = new RecordingReconciler();
        Run(b => b.For<V1ReplicaSet>().Owns<V1Pod>(), reconciler);
        var before = Pod("p", Owner("apps/v1", "ReplicaSet", "old", true));
        var after = Pod("p", Owner("apps/v1", "ReplicaSet", "new", true));

        _informers.Fake<V1Pod>().Emit(InformerEventType.Modified, after, before);

        await Eventually.TrueAsync(() => reconciler.Calls == 2, "both owners");
        Assert.Equal(["new", "old"], reconciler.Keys.Select(k => k.Name).Order());
    }

    [Fact]
    public async Task Watches_QueuesTheMappedKeys()
    {
        var reconciler = new RecordingReconciler();
        Run(b => b.For<V1ReplicaSet>().Watches<V1Node>(n => [new ObjectKey("default", "from-" + n.Metadata.Name)]), reconciler);

        _informers.Fake<V1Node>().Emit(InformerEventType.Added, new V1Node { Metadata = new V1ObjectMeta { Name = "n1" } });

        await Eventually.TrueAsync(() => reconciler.Calls == 1, "the mapped key");
        Assert.Equal("from-n1", reconciler.Keys.Single().Name);
    }

    [Fact]
    public async Task Reconcile_Throws_RetriesAfterBackoffAndForgetsOnSuccess()
    {
        var reconciler = new RecordingReconciler((_, call) => call == 1 ? throw new InvalidOperationException("not yet") : ReconcileResult.Done);
        Run(b => b.For<V1ReplicaSet>(), reconciler);

        _informers.Fake<V1ReplicaSet>().Emit(InformerEventType.Added, ReplicaSet("web"));
        await Eventually.TrueAsync(() => reconciler.Calls == 1 && _controller!.Queue.DelayedCount == 1, "the failed reconcile to back off");
        Assert.Equal(1, _controller!.Queue.Retries(new ObjectKey("default", "web")));
        _time.Advance(TimeSpan.FromMilliseconds(5));

        await Eventually.TrueAsync(() => reconciler.Calls == 2, "the retry");
        await Eventually.TrueAsync(() => _controller.Queue.Retries(new ObjectKey("default", "web")) == 0, "the backoff to be forgotten");
    }

    [Fact]
    public async Task Reconcile_TerminalError_IsNotRetried()
    {
        var reconciler = new RecordingReconciler((_, _) => throw new TerminalReconcileException("bad spec"));
        Run(b => b.For<V1ReplicaSet>(), reconciler);

        _informers.Fake<V1ReplicaSet>().Emit(InformerEventType.Added, ReplicaSet("web"));
        await Eventually.TrueAsync(() => reconciler.Calls == 1, "one reconcile");
        _time.Advance(TimeSpan.FromMinutes(20));
        await Task.Delay(50);

        Assert.Equal(1, reconciler.Calls);
        Assert.Equal(0, _controller!.Queue.DelayedCount);
    }

    [Fact]
    public async Task Reconcile_RequeueAfter_RunsAgainWhenDue()
    {
        var reconciler = new RecordingReconciler((_, call) => call == 1 ? ReconcileResult.After(TimeSpan.FromSeconds(30)) : ReconcileResult.Done);
        Run(b => b.For<V1ReplicaSet>(), reconciler);

        _informers.Fake<V1ReplicaSet>().Emit(InformerEventType.Added, ReplicaSet("web"));
        await Eventually.TrueAsync(() => _controller!.Queue.DelayedCount == 1, "the requeue");
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, reconciler.Calls);
        _time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(() => reconciler.Calls == 2, "the second reconcile");
    }

    [Fact]
    public async Task Workers_WaitForEveryInformerToSync()
    {
        var reconciler = new RecordingReconciler();
        Run(b => b.For<V1ReplicaSet>().Owns<V1Pod>(), reconciler, synced: false);
        _informers.Fake<V1ReplicaSet>().MarkSynced();

        _informers.Fake<V1ReplicaSet>().Emit(InformerEventType.Added, ReplicaSet("web"));
        await Task.Delay(50);
        Assert.Equal(0, reconciler.Calls);

        _informers.Fake<V1Pod>().MarkSynced();
        await Eventually.TrueAsync(() => reconciler.Calls == 1, "the reconcile after sync");
    }

    [Fact]
    public void Owns_BeforeFor_IsRefused()
    {
        var builder = new ControllerBuilder("x", _informers, _time, NullLogger.Instance, _ => { });

        Assert.Throws<InvalidOperationException>(() => builder.Owns<V1Pod>());
    }

    private void Run(Func<IControllerBuilder, IControllerBuilder> wire, IReconciler reconciler, bool synced = true)
    {
        if (synced)
        {
            _informers.Fake<V1ReplicaSet>().MarkSynced();
            _informers.Fake<V1Pod>().MarkSynced();
            _informers.Fake<V1Node>().MarkSynced();
        }

        var builder = new ControllerBuilder("test", _informers, _time, NullLogger.Instance, c => _controller = c);
        wire(builder.WithWorkers(2)).Build(reconciler);
        _ = _controller!.RunAsync(_stop.Token);
    }

    private static V1ReplicaSet ReplicaSet(string name) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" } };

    private static V1OwnerReference Owner(string apiVersion, string kind, string name, bool controller) =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = "uid-" + name, Controller = controller };

    private static V1Pod Pod(string name, V1OwnerReference owner) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", OwnerReferences = [owner] } };
}
