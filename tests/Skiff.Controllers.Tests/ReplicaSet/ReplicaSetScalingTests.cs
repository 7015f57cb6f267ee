using System.Net;
using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Tests.ReplicaSet;

public sealed class ReplicaSetScalingTests
{
    [Theory]
    [InlineData(3, 0, 3, 0)]
    [InlineData(3, 1, 2, 0)]
    [InlineData(3, 3, 0, 0)]
    [InlineData(1, 3, 0, 2)]
    [InlineData(0, 2, 0, 2)]
    public async Task Sync_CreatesOrDeletesTheDifference(int replicas, int existing, int creates, int deletes)
    {
        var rs = Objects.ReplicaSet(replicas: replicas);
        var h = new ReplicaSetHarness().With(rs);
        for (var i = 0; i < existing; i++)
        {
            h.With(Objects.Pod($"web-{i}", rs));
        }

        await h.SyncAsync();

        Assert.Equal(creates, h.Control.Created.Count);
        Assert.Equal(deletes, h.Control.Deleted.Count);
        Assert.Equal(creates, h.Events.Events.Count(e => e.Reason == "SuccessfulCreate"));
        Assert.Equal(deletes, h.Events.Events.Count(e => e.Reason == "SuccessfulDelete"));
    }

    [Fact]
    public async Task Create_BuildsThePodFromTheTemplateWithAControllerReference()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        var h = new ReplicaSetHarness().With(rs);

        await h.SyncAsync();

        var pod = Assert.Single(h.Control.Created);
        Assert.Equal("web-", pod.Metadata.GenerateName);
        Assert.Equal(Objects.Namespace, pod.Metadata.NamespaceProperty);
        Assert.Equal(rs.Spec.Template.Metadata.Labels, pod.Metadata.Labels);
        Assert.Equal("from-template", pod.Metadata.Annotations["note"]);
        var owner = Assert.Single(pod.Metadata.OwnerReferences);
        Assert.Equal(("apps/v1", "ReplicaSet", "web", "web-uid", true, true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal("busybox", pod.Spec.Containers[0].Image);
        Assert.NotSame(rs.Spec.Template.Spec, pod.Spec);
        Assert.Contains(("Normal", "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}"), h.Events.Events);
    }

    [Fact]
    public async Task ScaleUp_CreatesAtMostTheBurstInOneSync()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 600));

        await h.SyncAsync();

        Assert.Equal(ReplicaSetReconciler.BurstReplicas, h.Control.Created.Count);
    }

    [Fact]
    public async Task TerminatingAndFinishedPods_DoNotCountTowardReplicas()
    {
        var rs = Objects.ReplicaSet(replicas: 3);
        var h = new ReplicaSetHarness().With(rs).With(
            Objects.Pod("a", rs).ReadySince(ReplicaSetHarness.Start.UtcDateTime.AddHours(-1)),
            Objects.Pod("b", rs).Terminating(ReplicaSetHarness.Start.UtcDateTime),
            Objects.Pod("c", rs).InPhase("Succeeded"),
            Objects.Pod("d", rs).InPhase("Failed"));

        await h.SyncAsync();

        Assert.Equal(2, h.Control.Created.Count);
        Assert.Equal(1, h.LastStatus!.Replicas);
    }

    [Fact]
    public async Task ScaleDown_DeletesWithAUidPreconditionAndRecordsEvents()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        var h = new ReplicaSetHarness().With(rs).With(
            Objects.Pod("old", rs, created: new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc)).ReadySince(new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc)),
            Objects.Pod("new", rs, created: new DateTime(2026, 1, 1, 11, 59, 0, DateTimeKind.Utc)));

        await h.SyncAsync();

        var deleted = Assert.Single(h.Control.Deleted);
        Assert.Equal("new", deleted.Metadata.Name);
        Assert.Equal("new-uid", deleted.Metadata.Uid);
        Assert.Contains(("Normal", "SuccessfulDelete", "Deleted pod: new"), h.Events.Events);
    }

    [Fact]
    public async Task ScaleDown_PodAlreadyGone_IsNotAnError()
    {
        var rs = Objects.ReplicaSet(replicas: 0);
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("a", rs));
        h.Control.DeleteFailure = _ => FakePodControl.ApiError(HttpStatusCode.NotFound, "NotFound", "pods \\\"a\\\" not found");

        await h.SyncAsync();

        Assert.DoesNotContain(h.Events.Events, e => e.Reason == "FailedDelete");
        Assert.Null(h.LastStatus!.Condition(ReplicaStatus.ReplicaFailure));
    }

    [Fact]
    public async Task ScaleDown_Failure_RecordsFailedDeleteAndTheCondition()
    {
        var rs = Objects.ReplicaSet(replicas: 0);
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("a", rs));
        h.Control.DeleteFailure = _ => FakePodControl.ApiError(HttpStatusCode.InternalServerError, "InternalError", "boom");

        await Assert.ThrowsAsync<ManageReplicasException>(() => h.SyncAsync());

        Assert.Contains(("Warning", "FailedDelete", "Error deleting: boom"), h.Events.Events);
        var condition = h.LastStatus!.Condition(ReplicaStatus.ReplicaFailure);
        Assert.Equal(("True", "FailedDelete", "unable to delete pods: boom"), (condition?.Status, condition?.Reason, condition?.Message));
    }

    [Fact]
    public async Task OwnerBeingDeleted_CreatesNothing()
    {
        var rs = Objects.ReplicaSet(replicas: 3);
        rs.Metadata.DeletionTimestamp = ReplicaSetHarness.Start.UtcDateTime;
        var h = new ReplicaSetHarness().With(rs);

        await h.SyncAsync();

        Assert.Empty(h.Control.Created);
    }

    [Fact]
    public async Task OwnerGone_DoesNothing()
    {
        var h = new ReplicaSetHarness();

        var result = await h.SyncAsync();

        Assert.Null(result.RequeueAfter);
        Assert.Empty(h.Control.Created);
        Assert.Empty(h.Control.StatusWrites);
    }

    [Fact]
    public async Task PodsOfOtherOwnersAndOtherLabels_AreLeftAlone()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        var other = Objects.ReplicaSet("api", replicas: 1);
        var h = new ReplicaSetHarness().With(rs).With(other).With(
            Objects.Pod("theirs", other, app: "web"),
            Objects.Pod("unrelated", app: "db"));

        await h.SyncAsync();

        Assert.Single(h.Control.Created);
        Assert.Empty(h.Control.Deleted);
        Assert.Empty(h.Control.Adopted);
    }

    [Fact]
    public async Task InvalidSelector_IsATerminalError()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        rs.Spec.Selector = new k8s.Models.V1LabelSelector
        {
            MatchExpressions = [new k8s.Models.V1LabelSelectorRequirement { Key = "app", OperatorProperty = "Near", Values = ["web"] }],
        };
        var h = new ReplicaSetHarness().With(rs);

        await Assert.ThrowsAsync<Skiff.Client.Controllers.TerminalReconcileException>(() => h.SyncAsync());

        Assert.Empty(h.Control.Created);
    }

    [Fact]
    public async Task TemplateWithoutLabels_FailsToCreateWithUpstreamsMessage()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        rs.Spec.Selector = new k8s.Models.V1LabelSelector();
        rs.Spec.Template.Metadata.Labels = null;
        var h = new ReplicaSetHarness().With(rs);

        await Assert.ThrowsAsync<ManageReplicasException>(() => h.SyncAsync());

        Assert.Contains(("Warning", "FailedCreate", "Error creating: unable to create pods, no labels"), h.Events.Events);
        Assert.Equal(0, h.Control.CreateCalls);
    }
}
