using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

public sealed class RollingRolloutTests
{
    [Fact]
    public async Task Create_MakesOneReplicaSetNamedByHash_WithAllReplicas()
    {
        var h = new DeploymentHarness();
        var d = h.Create(replicas: 3);

        await h.ReconcileAsync();

        var rs = Assert.Single(h.Sets());
        var hash = rs.Metadata.Labels[DeploymentAnnotations.PodTemplateHashLabel];
        Assert.Equal($"web-{hash}", rs.Metadata.Name);
        Assert.Equal(PodTemplates.ComputeHash(d.Spec.Template, null), hash);
        Assert.Equal(3, rs.Spec.Replicas);
        Assert.Equal(hash, rs.Spec.Selector.MatchLabels[DeploymentAnnotations.PodTemplateHashLabel]);
        Assert.Equal(hash, rs.Spec.Template.Metadata.Labels[DeploymentAnnotations.PodTemplateHashLabel]);
        var owner = Assert.Single(rs.Metadata.OwnerReferences);
        Assert.Equal(("Deployment", "web", d.Metadata.Uid, true, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal(["Scaled up replica set " + rs.Metadata.Name + " to 3"], h.Events.Messages("ScalingReplicaSet"));
    }

    [Theory]
    [InlineData(10, "25%", "25%")]
    [InlineData(10, "0", "1")]
    [InlineData(10, "1", "0")]
    [InlineData(3, "1", "1")]
    [InlineData(5, "100%", "0")]
    [InlineData(4, "0", "100%")]
    [InlineData(7, "30%", "10%")]
    [InlineData(1, "25%", "25%")]
    public async Task Rollout_NeverExceedsSurge_NorDropsBelowMinAvailable(int replicas, string maxSurge, string maxUnavailable)
    {
        var h = new DeploymentHarness();
        var d = h.Create(replicas: replicas, maxSurge: maxSurge, maxUnavailable: maxUnavailable);
        await h.SettleAsync();
        var (surge, unavailable) = Fenceposts.Resolve(maxSurge, maxUnavailable, replicas);

        h.SetImage("nginx:2");
        var sawBoth = false;
        for (var step = 0; step < 100; step++)
        {
            await h.ReconcileAsync();
            var specTotal = h.Sets().Sum(rs => rs.Spec.Replicas ?? 0);
            Assert.True(specTotal <= replicas + surge, $"step {step}: {specTotal} replicas asked > {replicas}+{surge}");

            h.StartPods();
            var running = h.Sets().Sum(rs => rs.Status.Replicas);
            var available = h.Sets().Sum(rs => rs.Status.AvailableReplicas ?? 0);
            Assert.True(running <= replicas + surge, $"step {step}: {running} pods > {replicas}+{surge}");
            Assert.True(available >= replicas - unavailable, $"step {step}: {available} available < {replicas}-{unavailable}");
            sawBoth |= h.Sets().Count(rs => rs.Spec.Replicas > 0) == 2;

            h.MakeAvailable();
            if (h.SetWithImage("nginx:2").Status.AvailableReplicas == replicas && h.Sets().Count(rs => rs.Spec.Replicas > 0) == 1)
            {
                break;
            }
        }

        Assert.Equal(replicas, h.SetWithImage("nginx:2").Spec.Replicas);
        Assert.Equal(0, h.SetWithImage("nginx:1").Spec.Replicas);
        Assert.True(sawBoth || unavailable >= replicas, "old and new sets should overlap unless all may be unavailable");
    }

    [Fact]
    public async Task Rollout_WithDefaults_FollowsUpstreamStepSequence()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 4);
        await h.SettleAsync();
        h.SetImage("nginx:2");

        var sizes = new List<string>();
        for (var step = 0; step < 20 && sizes.LastOrDefault() != "0/4"; step++)
        {
            await h.ReconcileAsync();
            h.StartPods();
            h.MakeAvailable();
            var size = $"{h.SetWithImage("nginx:1").Spec.Replicas}/{h.SetWithImage("nginx:2").Spec.Replicas}";
            if (sizes.LastOrDefault() != size)
            {
                sizes.Add(size);
            }
        }

        // 25% of 4: one surge, one unavailable. Creating the new set with the surge and dropping one old replica
        // happen in the same sync, as upstream; later steps alternate growing the new set and shrinking the old.
        Assert.Equal(["3/1", "3/2", "1/2", "1/4", "0/4"], sizes);
    }

    [Fact]
    public async Task Rollout_WhenNewPodsNeverBecomeAvailable_StopsAtTheUnavailableBudget()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 10, maxSurge: "3", maxUnavailable: "2");
        await h.SettleAsync();
        h.SetImage("bad:1");

        for (var step = 0; step < 10; step++)
        {
            await h.ReconcileAsync();
            h.StartPods();
            h.MakeAvailable(rs => rs.Spec.Template.Spec.Containers[0].Image != "bad:1");
        }

        Assert.Equal(8, h.SetWithImage("nginx:1").Spec.Replicas);
        Assert.Equal(5, h.SetWithImage("bad:1").Spec.Replicas);
        Assert.Equal(8, h.Get().Status.AvailableReplicas);
    }

    [Fact]
    public async Task OldUnhealthyReplicas_AreScaledDownFirst()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 4, maxSurge: "0", maxUnavailable: "1");
        await h.ReconcileAsync();
        h.StartPods();

        // Only two of the four old pods ever became available.
        h.MakeAvailable();
        var old = ModelCopy.Of(h.Sets()[0]);
        old.Status.AvailableReplicas = 2;
        h.ReplicaSets.Upsert(old);
        h.SetImage("nginx:2");

        await h.ReconcileAsync();

        // Available pods (2) are already below minAvailable (3), yet the budget of one removal is spent on an
        // unhealthy replica, which costs no availability and makes room for the new set.
        Assert.Equal(3, h.SetWithImage("nginx:1").Spec.Replicas);
        Assert.Equal(0, h.SetWithImage("nginx:2").Spec.Replicas);
        Assert.Contains("Scaled down replica set " + old.Metadata.Name + " to 3 from 4", h.Events.Messages("ScalingReplicaSet"));
    }

    [Fact]
    public async Task ScaleEvents_UseUpstreamWording()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 2, maxSurge: "1", maxUnavailable: "0");
        await h.SettleAsync();
        var oldName = h.Sets()[0].Metadata.Name;
        h.SetImage("nginx:2");

        await h.SettleAsync();

        var newName = h.SetWithImage("nginx:2").Metadata.Name;
        Assert.Equal(
            [
                $"Scaled up replica set {oldName} to 2",
                $"Scaled up replica set {newName} to 1",
                $"Scaled down replica set {oldName} to 1 from 2",
                $"Scaled up replica set {newName} to 2 from 1",
                $"Scaled down replica set {oldName} to 0 from 1",
            ],
            h.Events.Messages("ScalingReplicaSet"));
    }

    [Fact]
    public async Task Status_CountsReplicasOfAllSets()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 10, maxSurge: "3", maxUnavailable: "2");
        await h.SettleAsync();
        h.SetImage("bad:1");
        for (var step = 0; step < 5; step++)
        {
            await h.ReconcileAsync();
            h.StartPods();
        }

        var status = h.Get().Status;
        Assert.Equal((13, 5, 8, 8, 5), (status.Replicas, status.UpdatedReplicas, status.ReadyReplicas, status.AvailableReplicas, status.UnavailableReplicas));
        Assert.Equal(h.Get().Metadata.Generation, status.ObservedGeneration);
        Assert.Equal("True MinimumReplicasAvailable", DeploymentHarness.Condition(h.Get(), "Available"));
    }
}
