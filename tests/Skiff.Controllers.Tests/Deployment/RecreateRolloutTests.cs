using k8s.Models;
using Skiff.Client;
using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

public sealed class RecreateRolloutTests
{
    private static V1Pod PodOf(V1ReplicaSet rs, int index, string phase) =>
        new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{rs.Metadata.Name}-{index}",
                NamespaceProperty = DeploymentHarness.Ns,
                Labels = new Dictionary<string, string>(rs.Spec.Template.Metadata.Labels),
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = rs.Metadata.Name, Uid = rs.Metadata.Uid, Controller = true }],
            },
            Status = new V1PodStatus { Phase = phase },
        };

    [Fact]
    public async Task Recreate_ScalesOldToZero_WaitsForPodsToGo_ThenCreatesNew()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 3, strategy: "Recreate");
        await h.SettleAsync();
        var old = h.Sets()[0];
        for (var i = 0; i < 3; i++)
        {
            h.Pods.Upsert(PodOf(old, i, "Running"));
        }

        h.SetImage("nginx:2");
        await h.ReconcileAsync();
        Assert.Equal(0, h.SetWithImage("nginx:1").Spec.Replicas);
        Assert.Single(h.Sets());

        // The ReplicaSet controller has caught up, but one pod is still terminating.
        h.StartPods();
        h.Pods.Delete(new ObjectKey(DeploymentHarness.Ns, $"{old.Metadata.Name}-0"));
        h.Pods.Delete(new ObjectKey(DeploymentHarness.Ns, $"{old.Metadata.Name}-1"));
        await h.ReconcileAsync();
        Assert.Single(h.Sets());

        // Finished pods do not hold the rollout back.
        h.Pods.Upsert(PodOf(old, 2, "Succeeded"));
        await h.ReconcileAsync();

        Assert.Equal(2, h.Sets().Count);
        Assert.Equal(3, h.SetWithImage("nginx:2").Spec.Replicas);
        var creates = h.Writer.Log.Where(l => l.StartsWith("create", StringComparison.Ordinal) || l.StartsWith("scale", StringComparison.Ordinal)).ToList();
        Assert.Equal($"scale {old.Metadata.Name} 3->0", creates[^2]);
        Assert.StartsWith("create web-", creates[^1], StringComparison.Ordinal);
        Assert.EndsWith(" 3", creates[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recreate_WhileOldSetStillReportsReplicas_DoesNotCreateNew()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 2, strategy: "Recreate");
        await h.SettleAsync();
        h.SetImage("nginx:2");

        await h.ReconcileAsync();
        await h.ReconcileAsync();

        // status.replicas of the old set is still 2 (its controller has not acted): no new set yet.
        Assert.Single(h.Sets());
        Assert.Equal(2, h.Sets()[0].Status.Replicas);
    }

    [Fact]
    public async Task Recreate_PodInUnknownPhase_CountsAsRunning()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1, strategy: "Recreate");
        await h.SettleAsync();
        var old = h.Sets()[0];

        Assert.True(RecreateRollout.OldPodsRunning(null, [ZeroStatus(old)], [PodOf(old, 0, "Unknown")]));
        Assert.False(RecreateRollout.OldPodsRunning(null, [ZeroStatus(old)], [PodOf(old, 0, "Failed")]));
        Assert.False(RecreateRollout.OldPodsRunning(old, [], [PodOf(old, 0, "Running")]));
    }

    [Fact]
    public async Task Recreate_CompletesWithAvailableCondition()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 2, strategy: "Recreate");
        await h.SettleAsync();
        h.SetImage("nginx:2");

        await h.SettleAsync();

        Assert.Equal(0, h.SetWithImage("nginx:1").Spec.Replicas);
        Assert.Equal(2, h.SetWithImage("nginx:2").Status.AvailableReplicas);
        Assert.Equal("True NewReplicaSetAvailable", DeploymentHarness.Condition(h.Get(), "Progressing"));
    }

    private static V1ReplicaSet ZeroStatus(V1ReplicaSet rs)
    {
        var copy = ModelCopy.Of(rs);
        copy.Status.Replicas = 0;
        return copy;
    }
}
