using k8s.Models;

namespace Skiff.Controllers.Tests.Deployment;

public sealed class ProgressConditionTests
{
    private static V1DeploymentCondition Progressing(V1Deployment d) => d.Status.Conditions.Single(c => c.Type == "Progressing");

    [Fact]
    public async Task Rollout_MovesThroughCreatedUpdatedAvailable_WithUpstreamMessages()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 2);

        await h.ReconcileAsync();
        var name = h.Sets()[0].Metadata.Name;
        Assert.Equal("True NewReplicaSetCreated", DeploymentHarness.Condition(h.Get(), "Progressing"));
        Assert.Equal($"Created new replica set \"{name}\"", Progressing(h.Get()).Message);
        Assert.Equal("False MinimumReplicasUnavailable", DeploymentHarness.Condition(h.Get(), "Available"));
        Assert.Equal("Deployment does not have minimum availability.", h.Get().Status.Conditions.Single(c => c.Type == "Available").Message);

        h.StartPods();
        h.MakeAvailable();
        var created = Progressing(h.Get()).LastTransitionTime;
        h.Time.Advance(TimeSpan.FromSeconds(5));
        await h.ReconcileAsync();

        // The rollout completed in one step here; first the progress is seen, then completion.
        var progressingStates = h.Writer.StatusWrites.Select(s => s.Conditions.Single(c => c.Type == "Progressing").Reason).Distinct().ToList();
        Assert.Equal(["NewReplicaSetCreated", "NewReplicaSetAvailable"], progressingStates);
        Assert.Equal($"ReplicaSet \"{name}\" has successfully progressed.", Progressing(h.Get()).Message);
        Assert.Equal(created, Progressing(h.Get()).LastTransitionTime);
        Assert.Equal("True MinimumReplicasAvailable", DeploymentHarness.Condition(h.Get(), "Available"));
        Assert.Equal("Deployment has minimum availability.", h.Get().Status.Conditions.Single(c => c.Type == "Available").Message);
    }

    [Fact]
    public async Task PartialProgress_SetsReplicaSetUpdated_AndMovesLastUpdateTime()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 4, maxSurge: "1", maxUnavailable: "0");
        await h.SettleAsync();
        h.SetImage("nginx:2");
        await h.ReconcileAsync();
        var firstUpdate = Progressing(h.Get()).LastUpdateTime;

        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.StartPods();
        h.MakeAvailable();
        await h.ReconcileAsync();

        var condition = Progressing(h.Get());
        Assert.Equal(("True", "ReplicaSetUpdated"), (condition.Status, condition.Reason));
        Assert.Equal($"ReplicaSet \"{h.SetWithImage("nginx:2").Metadata.Name}\" is progressing.", condition.Message);
        Assert.Equal(firstUpdate!.Value.AddSeconds(30), condition.LastUpdateTime);
    }

    [Fact]
    public async Task NoProgressPastTheDeadline_SetsProgressDeadlineExceeded()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 2, progressDeadlineSeconds: 60);
        await h.SettleAsync();
        h.SetImage("bad:1");
        var result = await h.ReconcileAsync();

        // The recheck is due at lastUpdateTime + 60 s, plus upstream's extra second.
        Assert.Equal(TimeSpan.FromSeconds(61), result.RequeueAfter);

        // The new pod starts (progress: one more updated replica) but never becomes available.
        h.StartPods();
        await h.ReconcileAsync();
        Assert.Equal("True ReplicaSetUpdated", DeploymentHarness.Condition(h.Get(), "Progressing"));

        h.Time.Advance(TimeSpan.FromSeconds(30));
        result = await h.ReconcileAsync();
        Assert.Equal("True ReplicaSetUpdated", DeploymentHarness.Condition(h.Get(), "Progressing"));
        Assert.Equal(TimeSpan.FromSeconds(31), result.RequeueAfter);

        h.Time.Advance(TimeSpan.FromSeconds(31));
        result = await h.ReconcileAsync();

        var condition = Progressing(h.Get());
        Assert.Equal(("False", "ProgressDeadlineExceeded"), (condition.Status, condition.Reason));
        Assert.Equal($"ReplicaSet \"{h.SetWithImage("bad:1").Metadata.Name}\" has timed out progressing.", condition.Message);
        Assert.Null(result.RequeueAfter);
    }

    [Fact]
    public async Task TimedOutRollout_RecoversWhenPodsBecomeAvailable()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1, progressDeadlineSeconds: 10);
        await h.ReconcileAsync();
        h.StartPods();
        await h.ReconcileAsync();
        h.Time.Advance(TimeSpan.FromSeconds(20));
        await h.ReconcileAsync();
        Assert.Equal("False ProgressDeadlineExceeded", DeploymentHarness.Condition(h.Get(), "Progressing"));

        h.MakeAvailable();
        await h.ReconcileAsync();

        Assert.Equal("True NewReplicaSetAvailable", DeploymentHarness.Condition(h.Get(), "Progressing"));
    }

    [Fact]
    public async Task WithoutDeadline_NoProgressingCondition_AndNoRecheck()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1, progressDeadlineSeconds: null);

        var result = await h.ReconcileAsync();

        Assert.Equal("none", DeploymentHarness.Condition(h.Get(), "Progressing"));
        Assert.Null(result.RequeueAfter);
    }

    [Fact]
    public async Task CompleteDeployment_WritesNoStatusOnResync()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 3);
        await h.SettleAsync();
        var writes = h.Writer.Log.Count;

        var result = await h.ReconcileAsync();

        Assert.Equal(writes, h.Writer.Log.Count);
        Assert.Null(result.RequeueAfter);
    }

    [Fact]
    public async Task ReplicaFailureOfTheNewSet_IsCopiedToTheDeployment()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1);
        await h.ReconcileAsync();
        var rs = Skiff.Controllers.Deployment.ModelCopy.Of(h.Sets()[0]);
        rs.Status.Conditions = [new V1ReplicaSetCondition { Type = "ReplicaFailure", Status = "True", Reason = "FailedCreate", Message = "quota exceeded" }];
        h.ReplicaSets.Upsert(rs);

        await h.ReconcileAsync();

        var failure = h.Get().Status.Conditions.Single(c => c.Type == "ReplicaFailure");
        Assert.Equal(("True", "FailedCreate", "quota exceeded"), (failure.Status, failure.Reason, failure.Message));
    }

    [Fact]
    public async Task ExistingNewSetWithoutProgressingCondition_IsReportedAsFound()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1, progressDeadlineSeconds: null);
        await h.SettleAsync();
        h.Edit(d => d.Spec.ProgressDeadlineSeconds = 600);

        await h.ReconcileAsync();

        var name = h.Sets()[0].Metadata.Name;
        Assert.Contains(
            h.Writer.StatusWrites.SelectMany(s => s.Conditions ?? []),
            c => c.Type == "Progressing" && c.Reason == "FoundNewReplicaSet" && c.Message == $"Found new replica set \"{name}\"");
        Assert.Equal("True NewReplicaSetAvailable", DeploymentHarness.Condition(h.Get(), "Progressing"));
    }
}
