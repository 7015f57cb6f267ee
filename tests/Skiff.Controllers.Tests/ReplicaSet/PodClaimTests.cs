using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Tests.ReplicaSet;

public sealed class PodClaimTests
{
    [Fact]
    public async Task MatchingOrphan_IsAdoptedAndCounted()
    {
        var rs = Objects.ReplicaSet(replicas: 2);
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("orphan"));

        await h.SyncAsync();

        var (pod, owner) = Assert.Single(h.Control.Adopted);
        Assert.Equal("orphan", pod.Metadata.Name);
        Assert.Equal(("ReplicaSet", "web", "web-uid", true, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Single(h.Control.Created);
    }

    [Fact]
    public async Task Orphans_AreNotAdoptedWhileTheOwnerIsBeingDeleted()
    {
        var rs = Objects.ReplicaSet(replicas: 2);
        rs.Metadata.DeletionTimestamp = ReplicaSetHarness.Start.UtcDateTime;
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("orphan"));

        await h.SyncAsync();

        Assert.Empty(h.Control.Adopted);
    }

    [Fact]
    public async Task TerminatingOrphan_IsNotAdopted()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 0)).With(Objects.Pod("orphan").Terminating(ReplicaSetHarness.Start.UtcDateTime));

        await h.SyncAsync();

        Assert.Empty(h.Control.Adopted);
    }

    [Fact]
    public async Task Adoption_FailsWhenTheOwnerWasRecreatedUnderTheSameName()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 1)).With(Objects.Pod("orphan"));
        h.Control.Owners = _ => ReplicaSetKind.ToView(Objects.ReplicaSet(replicas: 1, uid: "newer-uid"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => h.SyncAsync());

        Assert.Contains("is gone: got uid newer-uid, wanted web-uid", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Control.Adopted);
        Assert.Empty(h.Control.Created);
    }

    [Fact]
    public async Task Adoption_FailsWhenAFreshReadShowsTheOwnerBeingDeleted()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 1)).With(Objects.Pod("orphan"));
        var dying = Objects.ReplicaSet(replicas: 1);
        dying.Metadata.DeletionTimestamp = ReplicaSetHarness.Start.UtcDateTime;
        h.Control.Owners = _ => ReplicaSetKind.ToView(dying);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => h.SyncAsync());

        Assert.Contains("has just been deleted", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Control.Adopted);
    }

    [Fact]
    public async Task OwnedPodThatStoppedMatching_IsReleasedAndReplaced()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("relabeled", rs, app: "debug"));

        await h.SyncAsync();

        var (pod, ownerUid) = Assert.Single(h.Control.Released);
        Assert.Equal(("relabeled", "web-uid"), (pod.Metadata.Name, ownerUid));
        Assert.Single(h.Control.Created);
        Assert.Empty(h.Control.Deleted);
    }

    [Fact]
    public async Task OwnedPodThatStoppedMatching_IsKeptWhileTheOwnerIsBeingDeleted()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        rs.Metadata.DeletionTimestamp = ReplicaSetHarness.Start.UtcDateTime;
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("relabeled", rs, app: "debug"));

        await h.SyncAsync();

        Assert.Empty(h.Control.Released);
    }
}
