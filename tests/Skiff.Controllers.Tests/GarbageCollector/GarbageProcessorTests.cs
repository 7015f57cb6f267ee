using Skiff.Controllers.Dynamic;
using Skiff.Controllers.GarbageCollector;
using Skiff.Controllers.Tests.Testing;
using static Skiff.Controllers.Tests.GarbageCollector.GcHarness;

namespace Skiff.Controllers.Tests.GarbageCollector;

public sealed class GarbageProcessorTests
{
    public static TheoryData<string> OwnerKinds => ["configmaps", "replicasets", "widgets"];

    [Theory]
    [MemberData(nameof(OwnerKinds))]
    public async Task DependentOfDeletedOwner_IsDeletedInBackground(string ownerPlural)
    {
        var ownerResource = Resources.Discovery().All.Single(r => r.Plural == ownerPlural);
        var gc = new GcHarness();
        gc.Observe(ownerResource, "ns", "owner", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(ownerResource, "owner", "o1")]);

        var work = gc.Delete(ownerResource, "ns", "owner", "o1");
        var result = await gc.Processor.AttemptToDeleteAsync(Assert.Single(work.AttemptToDelete), default);

        Assert.Equal(WorkResult.Forget, result);
        Assert.Equal([("child", "Background")], gc.Api.Deletes);
    }

    [Fact]
    public async Task DependentWithALiveOwner_IsLeftAlone()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ConfigMaps, "owner", "o1")]);

        var result = await gc.Processor.AttemptToDeleteAsync("c1", default);

        Assert.Equal(WorkResult.Forget, result);
        Assert.Empty(gc.Api.Deletes);
        Assert.Empty(gc.Api.OwnerWrites);
    }

    [Fact]
    public async Task DependentWithOneLiveAndOneDeletedOwner_LosesOnlyTheDeletedReference()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "alive", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "gone", "o2");
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ConfigMaps, "alive", "o1"), Owner(Resources.ConfigMaps, "gone", "o2")]);

        gc.Delete(Resources.ConfigMaps, "ns", "gone", "o2");
        await gc.Processor.AttemptToDeleteAsync("c1", default);

        Assert.Empty(gc.Api.Deletes);
        var (name, owners) = Assert.Single(gc.Api.OwnerWrites);
        Assert.Equal("child", name);
        Assert.Equal(["o1"], owners.Select(o => o.Uid));
    }

    [Fact]
    public async Task DanglingReference_VirtualOwnerConfirmedAbsent_ThenDependentDeleted()
    {
        var gc = new GcHarness();
        var work = gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ReplicaSets, "never", "ghost")]);

        var ownerResult = await gc.Processor.AttemptToDeleteAsync(Assert.Single(work.AttemptToDelete), default);
        Assert.Equal(WorkResult.Forget, ownerResult);
        Assert.Null(gc.Graph.View("ghost"));
        Assert.Equal(["c1"], gc.ScheduledDeletes);

        await gc.Processor.AttemptToDeleteAsync("c1", default);
        Assert.Equal([("child", "Background")], gc.Api.Deletes);
    }

    [Fact]
    public async Task ReferenceWhoseUidNamesAnotherObject_IsDangling()
    {
        var gc = new GcHarness();
        gc.Api.Put(Resources.ConfigMaps, "ns", "owner", "new-uid");
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ConfigMaps, "owner", "old-uid")]);

        await gc.Processor.AttemptToDeleteAsync("c1", default);

        Assert.Equal([("child", "Background")], gc.Api.Deletes);
    }

    [Fact]
    public async Task ClusterScopedDependentOfNamespacedOwner_IsDeletedWithoutAskingForTheOwner()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.Nodes, null, "node", "n1", [Owner(Resources.ConfigMaps, "cm", "o1")]);

        await gc.Processor.AttemptToDeleteAsync("n1", default);

        Assert.Equal([("node", "Background")], gc.Api.Deletes);
    }

    [Fact]
    public async Task VirtualOwnerThatExistsButIsNotYetObserved_IsRequeued()
    {
        var gc = new GcHarness();
        gc.Api.Put(Resources.ReplicaSets, "ns", "rs", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ReplicaSets, "rs", "o1")]);

        var result = await gc.Processor.AttemptToDeleteAsync("o1", default);

        Assert.Equal(WorkResult.Requeue, result);
        Assert.NotNull(gc.Graph.View("o1"));
        Assert.Empty(gc.Api.Deletes);
    }

    [Fact]
    public async Task OwnerKindThatDoesNotResolve_IsRetriedAndNothingIsWritten()
    {
        var gc = new GcHarness();
        var unknown = new ApiResource("nowhere.io", "v9", "things", "Thing", true, new HashSet<string>());
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(unknown, "thing", "t1")]);

        Assert.Equal(WorkResult.Requeue, await gc.Processor.AttemptToDeleteAsync("t1", default));
        Assert.Equal(WorkResult.Requeue, await gc.Processor.AttemptToDeleteAsync("c1", default));
        Assert.Empty(gc.Api.Deletes);
        Assert.Empty(gc.Api.OwnerWrites);
    }

    [Fact]
    public async Task ObjectAlreadyBeingDeleted_IsNotDeletedAgain()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ConfigMaps, "gone", "o1")], finalizers: ["x"], deleting: true);

        Assert.Equal(WorkResult.Forget, await gc.Processor.AttemptToDeleteAsync("c1", default));
        Assert.Empty(gc.Api.Deletes);
        Assert.Equal(0, gc.Api.Gets);
    }

    [Fact]
    public async Task DependentOfGoneOwnerWithItsOwnOrphanFinalizer_IsDeletedWithOrphanPolicy()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ConfigMaps, "gone", "o1")], finalizers: ["orphan"]);

        await gc.Processor.AttemptToDeleteAsync("c1", default);

        Assert.Equal([("child", "Orphan")], gc.Api.Deletes);
    }

    [Fact]
    public async Task Foreground_DeletesDependentsThenRemovesTheFinalizerOnceBlockersAreGone()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ReplicaSets, "ns", "rs", "o1");
        gc.Observe(Resources.Pods, "ns", "pod-a", "a1", [Owner(Resources.ReplicaSets, "rs", "o1", block: true)]);
        gc.Observe(Resources.Pods, "ns", "pod-b", "b1", [Owner(Resources.ReplicaSets, "rs", "o1")]);
        var work = gc.Observe(Resources.ReplicaSets, "ns", "rs", "o1", finalizers: ["foregroundDeletion"], deleting: true);

        foreach (var uid in work.AttemptToDelete)
        {
            await gc.Processor.AttemptToDeleteAsync(uid, default);
        }

        Assert.Equal([("pod-a", "Background"), ("pod-b", "Background")], gc.Api.Deletes.Order());
        Assert.Empty(gc.Api.FinalizerRemovals);

        // The non-blocking dependent going does not release the owner; the blocking one does.
        gc.Delete(Resources.Pods, "ns", "pod-b", "b1");
        await gc.Processor.AttemptToDeleteAsync("o1", default);
        Assert.Empty(gc.Api.FinalizerRemovals);

        var afterBlocker = gc.Delete(Resources.Pods, "ns", "pod-a", "a1");
        Assert.Contains("o1", afterBlocker.AttemptToDelete);
        await gc.Processor.AttemptToDeleteAsync("o1", default);
        Assert.Equal([("rs", "foregroundDeletion")], gc.Api.FinalizerRemovals);
    }

    [Fact]
    public async Task Foreground_DependentWithDependentsOfItsOwn_IsDeletedInForeground()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "top", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "middle", "m1", [Owner(Resources.ConfigMaps, "top", "o1", block: true)]);
        gc.Observe(Resources.ConfigMaps, "ns", "leaf", "l1", [Owner(Resources.ConfigMaps, "middle", "m1", block: true)]);
        gc.Observe(Resources.ConfigMaps, "ns", "top", "o1", finalizers: ["foregroundDeletion"], deleting: true);

        await gc.Processor.AttemptToDeleteAsync("m1", default);

        Assert.Equal([("middle", "Foreground")], gc.Api.Deletes);
        Assert.Empty(gc.Api.OwnerWrites);
    }

    [Fact]
    public async Task Foreground_DependentWithAnotherLiveOwner_OnlyDropsTheWaitingReference()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "going", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "staying", "o2");
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ConfigMaps, "going", "o1", block: true), Owner(Resources.ConfigMaps, "staying", "o2")]);
        gc.Observe(Resources.ConfigMaps, "ns", "going", "o1", finalizers: ["foregroundDeletion"], deleting: true);

        await gc.Processor.AttemptToDeleteAsync("c1", default);

        Assert.Empty(gc.Api.Deletes);
        Assert.Equal(["o2"], Assert.Single(gc.Api.OwnerWrites).Owners.Select(o => o.Uid));
    }

    [Fact]
    public async Task Orphan_DetachesEveryDependentThenRemovesTheFinalizer()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "a", "a1", [Owner(Resources.ConfigMaps, "owner", "o1"), Owner(Resources.ConfigMaps, "other", "x1")]);
        gc.Observe(Resources.ConfigMaps, "ns", "b", "b1", [Owner(Resources.ConfigMaps, "owner", "o1", block: true)]);
        var work = gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1", finalizers: ["orphan"], deleting: true);

        var result = await gc.Processor.AttemptToOrphanAsync(Assert.Single(work.AttemptToOrphan), default);

        Assert.Equal(WorkResult.Forget, result);
        var writes = gc.Api.OwnerWrites.ToDictionary(w => w.Name, w => w.Owners.Select(o => o.Uid).ToList());
        Assert.Equal(["x1"], writes["a"]);
        Assert.Empty(writes["b"]);
        Assert.Equal([("owner", "orphan")], gc.Api.FinalizerRemovals);
        Assert.Empty(gc.Api.Deletes);
    }

    [Fact]
    public async Task AbsentOwner_IsLookedUpOnceForManyDependents()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1");
        for (var i = 0; i < 5; i++)
        {
            gc.Observe(Resources.ConfigMaps, "ns", $"c{i}", $"c{i}", [Owner(Resources.ConfigMaps, "owner", "o1")]);
        }

        var work = gc.Delete(Resources.ConfigMaps, "ns", "owner", "o1");
        foreach (var uid in work.AttemptToDelete)
        {
            await gc.Processor.AttemptToDeleteAsync(uid, default);
        }

        Assert.Equal(5, gc.Api.Deletes.Count);
        Assert.Equal(5, gc.Api.Gets);
    }
}
