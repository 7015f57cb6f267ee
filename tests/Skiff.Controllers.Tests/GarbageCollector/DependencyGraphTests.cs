using Skiff.Controllers.Tests.Testing;
using static Skiff.Controllers.Tests.GarbageCollector.GcHarness;

namespace Skiff.Controllers.Tests.GarbageCollector;

public sealed class DependencyGraphTests
{
    [Fact]
    public void Upsert_DependentOfUnseenOwner_AddsVirtualOwnerAndQueuesItForVerification()
    {
        var gc = new GcHarness();

        var work = gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ReplicaSets, "rs", "o1")]);

        Assert.Equal(["o1"], work.AttemptToDelete);
        var owner = gc.Graph.View("o1");
        Assert.NotNull(owner);
        Assert.False(owner.Observed);
        Assert.Equal("c1", Assert.Single(owner.Dependents).Identity.Uid);
    }

    [Fact]
    public void Upsert_OwnerObservedAfterItsDependent_BecomesObservedWithItsRealIdentity()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ReplicaSets, "rs", "o1")]);

        var work = gc.Observe(Resources.ReplicaSets, "ns", "rs", "o1");

        Assert.Empty(work.AttemptToDelete);
        var owner = gc.Graph.View("o1")!;
        Assert.True(owner.Observed);
        Assert.Equal("ReplicaSet", owner.Identity.Kind);
        Assert.Single(owner.Dependents);
    }

    [Fact]
    public void Remove_Owner_QueuesEveryDependentAndRemembersTheOwnerAbsent()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "a", "a1", [Owner(Resources.ConfigMaps, "owner", "o1")]);
        gc.Observe(Resources.ConfigMaps, "ns", "b", "b1", [Owner(Resources.ConfigMaps, "owner", "o1")]);

        var work = gc.Delete(Resources.ConfigMaps, "ns", "owner", "o1");

        Assert.Equal(["a1", "b1"], work.AttemptToDelete.Order());
        Assert.True(gc.Graph.Absent.Contains("o1"));
        Assert.Null(gc.Graph.View("o1"));
    }

    [Fact]
    public void Upsert_OrphanFinalizerOnDeletingObject_QueuesOrphaningOnce()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1");

        var first = gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1", finalizers: ["orphan"], deleting: true);
        var again = gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1", finalizers: ["orphan"], deleting: true);

        Assert.Equal(["o1"], first.AttemptToOrphan);
        Assert.Empty(again.AttemptToOrphan);
    }

    [Fact]
    public void Upsert_ForegroundFinalizerOnDeletingObject_QueuesItAndAllItsDependents()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "a", "a1", [Owner(Resources.ConfigMaps, "owner", "o1", block: true)]);
        gc.Observe(Resources.ConfigMaps, "ns", "b", "b1", [Owner(Resources.ConfigMaps, "owner", "o1")]);

        var work = gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1", finalizers: ["foregroundDeletion"], deleting: true);

        Assert.Equal(["a1", "b1", "o1"], work.AttemptToDelete.Order());
        Assert.True(gc.Graph.View("o1")!.DeletingDependents);
    }

    [Fact]
    public void Upsert_DroppingABlockingReference_RequeuesTheWaitingForegroundOwner()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1");
        gc.Observe(Resources.ConfigMaps, "ns", "a", "a1", [Owner(Resources.ConfigMaps, "owner", "o1", block: true)]);
        gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1", finalizers: ["foregroundDeletion"], deleting: true);

        var work = gc.Observe(Resources.ConfigMaps, "ns", "a", "a1", []);

        Assert.Equal(["o1"], work.AttemptToDelete);
        Assert.Empty(gc.Graph.View("o1")!.Dependents);
    }

    [Fact]
    public void Upsert_ReferenceToObservedOwnerInAnotherNamespace_IsReportedAndVerified()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "other", "owner", "o1");

        var work = gc.Observe(Resources.ConfigMaps, "ns", "child", "c1", [Owner(Resources.ConfigMaps, "owner", "o1")]);

        var (dependent, owner) = Assert.Single(work.InvalidNamespaceOwners);
        Assert.Equal("c1", dependent.Uid);
        Assert.Equal("[v1/ConfigMap, namespace: ns, name: owner, uid: o1]", owner.ToString());
        Assert.Equal(["c1"], work.AttemptToDelete);
    }

    [Fact]
    public void VirtualDelete_OfObservedNode_IsIgnored()
    {
        var gc = new GcHarness();
        gc.Observe(Resources.ConfigMaps, "ns", "owner", "o1");

        var work = gc.Graph.VirtualDelete("o1");

        Assert.Empty(work.AttemptToDelete);
        Assert.NotNull(gc.Graph.View("o1"));
    }
}
