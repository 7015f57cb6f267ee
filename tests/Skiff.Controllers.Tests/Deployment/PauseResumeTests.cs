namespace Skiff.Controllers.Tests.Deployment;

public sealed class PauseResumeTests
{
    [Fact]
    public async Task ChangesWhilePaused_RollOutAsOneNewReplicaSetOnResume()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 3);
        await h.SettleAsync();

        h.Edit(d => d.Spec.Paused = true);
        await h.SettleAsync();
        Assert.Equal("Unknown DeploymentPaused", DeploymentHarness.Condition(h.Get(), "Progressing"));
        Assert.Equal("Deployment is paused", h.Get().Status.Conditions.Single(c => c.Type == "Progressing").Message);

        h.SetImage("nginx:2");
        await h.SettleAsync();
        h.Edit(d => d.Spec.Template.Spec.Containers[0].Resources = new k8s.Models.V1ResourceRequirements
        {
            Limits = new Dictionary<string, k8s.Models.ResourceQuantity> { ["memory"] = new("64Mi") },
        });
        await h.SettleAsync();
        Assert.Single(h.Sets());

        h.Edit(d => d.Spec.Paused = false);
        await h.ReconcileAsync();
        Assert.Equal(2, h.Sets().Count);
        await h.SettleAsync();

        Assert.Equal(2, h.Sets().Count);
        var newest = h.Sets()[^1];
        Assert.Equal("nginx:2", newest.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("64Mi", newest.Spec.Template.Spec.Containers[0].Resources.Limits["memory"].ToString());
        Assert.Equal(3, newest.Spec.Replicas);
        Assert.Equal("2", h.Get().Metadata.Annotations[Skiff.Controllers.Deployment.DeploymentAnnotations.Revision]);
        Assert.Equal("True NewReplicaSetAvailable", DeploymentHarness.Condition(h.Get(), "Progressing"));
    }

    [Fact]
    public async Task Resume_IsRecordedInTheProgressingCondition()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1);
        await h.SettleAsync();
        h.Edit(d => d.Spec.Paused = true);
        await h.ReconcileAsync();

        h.Edit(d => d.Spec.Paused = false);
        h.SetImage("nginx:2");
        await h.ReconcileAsync();

        Assert.Contains(
            h.Writer.StatusWrites.SelectMany(s => s.Conditions ?? []),
            c => c.Type == "Progressing" && c.Status == "Unknown" && c.Reason == "DeploymentResumed" && c.Message == "Deployment is resumed");
        Assert.Equal("True NewReplicaSetCreated", DeploymentHarness.Condition(h.Get(), "Progressing"));
    }

    [Fact]
    public async Task ScalingWhilePaused_StillApplies()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 2);
        await h.SettleAsync();
        h.Edit(d => d.Spec.Paused = true);
        h.SetImage("nginx:2");

        h.Edit(d => d.Spec.Replicas = 5);
        await h.SettleAsync();

        var rs = Assert.Single(h.Sets());
        Assert.Equal(5, rs.Spec.Replicas);
        Assert.Equal("nginx:1", rs.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(5, h.Get().Status.AvailableReplicas);
    }

    [Fact]
    public async Task PausedDeployment_NeverTimesOut()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 2, progressDeadlineSeconds: 60);
        await h.SettleAsync();
        h.Edit(d => d.Spec.Paused = true);
        await h.ReconcileAsync();

        h.Time.Advance(TimeSpan.FromMinutes(10));
        var result = await h.ReconcileAsync();

        Assert.Equal("Unknown DeploymentPaused", DeploymentHarness.Condition(h.Get(), "Progressing"));
        Assert.Null(result.RequeueAfter);
    }
}
