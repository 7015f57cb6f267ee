using k8s.Models;
using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Tests.ReplicaSet;

public sealed class ReplicaSetStatusTests
{
    private static readonly DateTime Now = ReplicaSetHarness.Start.UtcDateTime;

    [Fact]
    public async Task Status_CountsReplicasLabelsReadinessAndGeneration()
    {
        var rs = Objects.ReplicaSet(replicas: 3);
        rs.Metadata.Generation = 7;
        var partlyLabeled = Objects.Pod("partly", rs).ReadySince(Now.AddHours(-1));
        partlyLabeled.Metadata.Labels.Remove("tier");
        var h = new ReplicaSetHarness().With(rs).With(
            Objects.Pod("ready", rs).ReadySince(Now.AddHours(-1)),
            partlyLabeled,
            Objects.Pod("pending", rs));

        await h.SyncAsync();

        var status = Assert.Single(h.Control.StatusWrites);
        Assert.Equal((3, 2, 2, 2, 7L), (status.Replicas, status.FullyLabeledReplicas, status.ReadyReplicas, status.AvailableReplicas, status.ObservedGeneration));
        Assert.Empty(status.Conditions);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(10, 30, true)]
    [InlineData(10, 5, false)]
    [InlineData(10, 10, false)]
    [InlineData(10, 11, true)]
    public void Available_NeedsReadyForLongerThanMinReadySeconds(int minReadySeconds, int readyForSeconds, bool available)
    {
        var pod = Objects.Pod("p").ReadySince(Now.AddSeconds(-readyForSeconds));

        Assert.Equal(available, PodState.IsAvailable(pod, minReadySeconds, Now));
    }

    [Fact]
    public async Task MinReadySeconds_RequeuesWhenTheNextPodBecomesAvailable()
    {
        var rs = Objects.ReplicaSet(replicas: 2, minReadySeconds: 30);
        var h = new ReplicaSetHarness().With(rs).With(
            Objects.Pod("a", rs).ReadySince(Now.AddSeconds(-10)),
            Objects.Pod("b", rs).ReadySince(Now.AddSeconds(-25)));

        var result = await h.SyncAsync();

        Assert.Equal((2, 0), (h.LastStatus!.ReadyReplicas, h.LastStatus.AvailableReplicas));
        Assert.NotNull(result.RequeueAfter);
        Assert.InRange(result.RequeueAfter!.Value, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5.1));

        h.Time.Advance(result.RequeueAfter.Value);
        result = await h.SyncAsync();
        Assert.Equal(1, h.LastStatus!.AvailableReplicas);
        Assert.InRange(result.RequeueAfter!.Value, TimeSpan.FromSeconds(14.9), TimeSpan.FromSeconds(15.1));
    }

    [Fact]
    public async Task AllAvailable_DoesNotRequeue()
    {
        var rs = Objects.ReplicaSet(replicas: 1, minReadySeconds: 30);
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("a", rs).ReadySince(Now.AddMinutes(-1)));

        var result = await h.SyncAsync();

        Assert.Null(result.RequeueAfter);
        Assert.Equal(1, h.LastStatus!.AvailableReplicas);
    }

    [Fact]
    public async Task UnchangedStatus_IsNotWritten()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        rs.Status = new V1ReplicaSetStatus { Replicas = 1, FullyLabeledReplicas = 1, ReadyReplicas = 1, AvailableReplicas = 1, ObservedGeneration = 1 };
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("a", rs).ReadySince(Now.AddMinutes(-1)));

        await h.SyncAsync();

        Assert.Empty(h.Control.StatusWrites);
    }

    [Fact]
    public async Task NewGeneration_IsWrittenEvenWhenCountsAreUnchanged()
    {
        var rs = Objects.ReplicaSet(replicas: 1);
        rs.Metadata.Generation = 2;
        rs.Status = new V1ReplicaSetStatus { Replicas = 1, FullyLabeledReplicas = 1, ReadyReplicas = 1, AvailableReplicas = 1, ObservedGeneration = 1 };
        var h = new ReplicaSetHarness().With(rs).With(Objects.Pod("a", rs).ReadySince(Now.AddMinutes(-1)));

        await h.SyncAsync();

        Assert.Equal(2, Assert.Single(h.Control.StatusWrites).ObservedGeneration);
    }

    [Fact]
    public void ExistingFailureCondition_KeepsItsFirstMessage()
    {
        var rs = Objects.ReplicaSet(replicas: 2);
        rs.Status = new V1ReplicaSetStatus
        {
            Conditions = [new V1ReplicaSetCondition { Type = "ReplicaFailure", Status = "True", Reason = "FailedCreate", Message = "first", LastTransitionTime = Now.AddHours(-1) }],
        };

        var status = ReplicaStatusCalculator.Compute(ReplicaSetKind.ToView(rs), [], new InvalidOperationException("second"), Now);

        var condition = Assert.Single(status.Conditions);
        Assert.Equal(("first", Now.AddHours(-1)), (condition.Message, condition.LastTransitionTime));
    }
}
