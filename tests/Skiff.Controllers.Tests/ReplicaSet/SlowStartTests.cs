using System.Net;
using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Tests.ReplicaSet;

public sealed class SlowStartTests
{
    // Creates succeed until `successes` have been made, then every create fails. Batches are 1, 2, 4, 8, ...
    [Theory]
    [InlineData(10, 0, 1)]
    [InlineData(10, 1, 3)]
    [InlineData(10, 2, 3)]
    [InlineData(10, 3, 7)]
    [InlineData(10, 7, 10)]
    [InlineData(10, 10, 10)]
    [InlineData(20, 7, 15)]
    public async Task Create_StopsAfterTheFirstBatchWithAFailure(int replicas, int successes, int expectedCalls)
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: replicas));
        h.Control.CreateFailure = call => call >= successes ? FakePodControl.ApiError(HttpStatusCode.Forbidden, "Forbidden", "exceeded quota") : null;

        if (successes < replicas)
        {
            await Assert.ThrowsAsync<ManageReplicasException>(() => h.SyncAsync());
        }
        else
        {
            await h.SyncAsync();
        }

        Assert.Equal(expectedCalls, h.Control.CreateCalls);
        Assert.Equal(successes, h.Control.Created.Count);
        Assert.Equal(expectedCalls - successes, h.Events.Events.Count(e => e == ("Warning", "FailedCreate", "Error creating: exceeded quota")));
    }

    [Fact]
    public async Task CreateFailure_SetsReplicaFailureAndASuccessClearsIt()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 2));
        h.Control.CreateFailure = _ => FakePodControl.ApiError(HttpStatusCode.Forbidden, "Forbidden", "exceeded quota");

        await Assert.ThrowsAsync<ManageReplicasException>(() => h.SyncAsync());
        var failed = h.LastStatus!.Condition(ReplicaStatus.ReplicaFailure);
        Assert.Equal(("True", "FailedCreate", "exceeded quota"), (failed?.Status, failed?.Reason, failed?.Message));
        Assert.Equal(ReplicaSetHarness.Start.UtcDateTime, failed?.LastTransitionTime);

        // The status write reached the API; the cache shows it before the retry.
        var rs = Objects.ReplicaSet(replicas: 2);
        rs.Status = new k8s.Models.V1ReplicaSetStatus
        {
            ObservedGeneration = 1,
            Conditions = [new k8s.Models.V1ReplicaSetCondition { Type = "ReplicaFailure", Status = "True", Reason = "FailedCreate", Message = "exceeded quota" }],
        };
        h.With(rs);
        h.Control.CreateFailure = _ => null;
        await h.SyncAsync();

        Assert.Equal(2, h.Control.Created.Count);
        Assert.Null(h.LastStatus!.Condition(ReplicaStatus.ReplicaFailure));
    }

    [Fact]
    public async Task CreateIntoTerminatingNamespace_IsNeitherAnErrorNorAnEvent()
    {
        var h = new ReplicaSetHarness().With(Objects.ReplicaSet(replicas: 2));
        h.Control.CreateFailure = _ => FakePodControl.ApiError(HttpStatusCode.Forbidden, "Forbidden", "namespace default is being terminated", "NamespaceTerminating");

        await h.SyncAsync();

        Assert.Equal(1, h.Control.CreateCalls);
        Assert.Empty(h.Events.Events);
    }
}
