using Skiff.Client;
using Skiff.Client.Informers;
using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Tests.ReplicaSet;

public sealed class ExpectationsTests
{
    [Fact]
    public async Task SlowCache_NeverCausesDoubleCreation()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 3));

        await h.SyncAsync();
        var result = await h.SyncAsync();

        Assert.Equal(3, h.Control.Created.Count);
        Assert.NotNull(result.RequeueAfter);
        Assert.True(result.RequeueAfter <= PodExpectations.Timeout);
    }

    [Fact]
    public async Task CreatedPodsInTheCache_SatisfyTheExpectations()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 3));
        await h.SyncAsync();

        h.CacheCreatedPods();
        h.With(Objects.ReplicaSet(replicas: 4));
        await h.SyncAsync();

        Assert.Equal(4, h.Control.Created.Count);
    }

    [Fact]
    public async Task PodEvents_SatisfyTheExpectationsEvenIfThePodIsGoneAgain()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 2));
        await h.SyncAsync();

        // The informer saw both pods come and one go before the next sync: the cache alone would not tell.
        var key = new ObjectKey(Objects.Namespace, "web");
        h.Expectations.Observe(key, h.Control.Created[0], InformerEventType.Added);
        h.Expectations.Observe(key, h.Control.Created[0], InformerEventType.Deleted);
        h.Expectations.Observe(key, h.Control.Created[1], InformerEventType.Added);
        h.Pods.Upsert(h.Control.Created[1]);
        await h.SyncAsync();

        Assert.Equal(3, h.Control.Created.Count);
    }

    [Fact]
    public async Task PendingCreations_ExpireAfterFiveMinutes()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 2));
        await h.SyncAsync();

        h.Time.Advance(PodExpectations.Timeout - TimeSpan.FromSeconds(1));
        await h.SyncAsync();
        Assert.Equal(2, h.Control.Created.Count);

        h.Time.Advance(TimeSpan.FromSeconds(2));
        await h.SyncAsync();
        Assert.Equal(4, h.Control.Created.Count);
    }

    [Fact]
    public async Task TimedOutCreate_WaitsForTheCacheBeforeCreatingAgain()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 1));
        h.Control.CreateFailure = _ => FakePodControl.ApiError(System.Net.HttpStatusCode.GatewayTimeout, "Timeout", "timed out");

        await h.SyncAsync();
        h.Control.CreateFailure = _ => null;
        await h.SyncAsync();

        Assert.Equal(1, h.Control.CreateCalls);
        Assert.Empty(h.Events.Events);
    }

    [Fact]
    public async Task SlowCache_NeverCausesDoubleDeletion()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("a", rs), Objects.Pod("b", rs), Objects.Pod("c", rs));

        await h.SyncAsync();
        await h.SyncAsync();
        Assert.Equal(2, h.Control.Deleted.Count);

        // The cache shows one deletion as gone and the other as terminating: both observed.
        h.Pods.Delete(ObjectKey.Of(h.Control.Deleted[0]));
        h.Pods.Upsert(Objects.Pod(h.Control.Deleted[1].Metadata.Name, rs).Terminating(ReplicaSetHarness.Start.UtcDateTime));

        h.With(Objects.ReplicaSet(replicas: 0));
        await h.SyncAsync();
        Assert.Equal(3, h.Control.Deleted.Count);
    }

    [Fact]
    public async Task FailedDeletion_DoesNotBlockTheNextSync()
    {
        var rs = Objects.ReplicaSet(replicas: 0);
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("a", rs));
        h.Control.DeleteFailure = _ => FakePodControl.ApiError(System.Net.HttpStatusCode.InternalServerError, "InternalError", "boom");
        await Assert.ThrowsAsync<ManageReplicasException>(() => h.SyncAsync());

        h.Control.DeleteFailure = _ => null;
        await h.SyncAsync();

        Assert.Single(h.Control.Deleted);
    }

    [Fact]
    public async Task OwnerDeleted_ForgetsItsExpectations()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 2));
        await h.SyncAsync();
        var key = new ObjectKey(Objects.Namespace, "web");
        Assert.NotNull(h.Expectations.UntilExpiry(key));

        h.Sets.Delete(key);
        await h.SyncAsync();

        Assert.Null(h.Expectations.UntilExpiry(key));
    }
}
