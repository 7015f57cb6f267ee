using k8s.Models;
using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

public sealed class ProportionalScalingTests
{
    private static V1ReplicaSet Set(string name, int replicas, int maxReplicasBefore, int secondsOld) =>
        new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Uid = name,
                CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(-secondsOld),
                Annotations = new Dictionary<string, string> { [DeploymentAnnotations.MaxReplicas] = maxReplicasBefore.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
            Spec = new V1ReplicaSetSpec { Replicas = replicas },
        };

    [Theory]
    // Upstream's documented example: 10 replicas, surge 3, mid-rollout 8 old + 5 new; scaled to 15 (max 18): +5.
    [InlineData(15, 3, 2, 13, new[] { 8, 5 }, new[] { 11, 7 })]
    // Scaling down from 10 (max 13) to 5 (max 8): -5, the older and larger set first.
    [InlineData(5, 3, 2, 13, new[] { 8, 5 }, new[] { 5, 3 })]
    // Equal sizes, growing: the newer set comes first and takes the one replica to add.
    [InlineData(11, 0, 1, 10, new[] { 5, 5 }, new[] { 5, 6 })]
    // Scaling to zero empties every set.
    [InlineData(0, 1, 1, 4, new[] { 2, 2 }, new[] { 0, 0 })]
    // Three sets doubling exactly.
    [InlineData(20, 0, 1, 10, new[] { 5, 3, 2 }, new[] { 10, 6, 4 })]
    // Every share rounds to nothing; the leftover goes to the first in order, the newest of the equal sets.
    [InlineData(10, 0, 1, 9, new[] { 3, 3, 3 }, new[] { 3, 3, 4 })]
    public void Distribute_SharesTheChangeByEachSetsProportion(int newReplicas, int surge, int unavailable, int maxBefore, int[] sizes, int[] expected)
    {
        var d = new DeploymentHarness().Create(replicas: newReplicas, maxSurge: surge.ToString(System.Globalization.CultureInfo.InvariantCulture), maxUnavailable: unavailable.ToString(System.Globalization.CultureInfo.InvariantCulture));
        d.Status = new V1DeploymentStatus { Replicas = maxBefore };

        // Sets given oldest first; index i is i*10 seconds younger than the first.
        var sets = sizes.Select((size, i) => Set($"rs{i}", size, maxBefore, (sizes.Length - i) * 10)).ToList();
        var allowed = newReplicas > 0 ? newReplicas + Fenceposts.MaxSurge(d) : 0;
        var toAdd = allowed - sizes.Sum();
        var order = sets.ToList();
        order.Sort(toAdd > 0 ? ReplicaSetOrder.BySizeNewer : ReplicaSetOrder.BySizeOlder);

        var result = ProportionalScaler.Distribute(d, order, toAdd);

        var byName = order.Select((rs, i) => (rs.Metadata.Name, result[i])).ToDictionary(x => x.Name, x => x.Item2);
        Assert.Equal(expected, sets.Select(rs => byName[rs.Metadata.Name]).ToArray());
        Assert.Equal(allowed, result.Sum());
    }

    [Fact]
    public async Task ScalingMidRollout_KeepsBothSetsAndUpdatesAnnotations()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 10, maxSurge: "3", maxUnavailable: "2");
        await h.SettleAsync();
        h.SetImage("bad:1");
        for (var step = 0; step < 4; step++)
        {
            await h.ReconcileAsync();
            h.StartPods();
            h.MakeAvailable(rs => rs.Spec.Template.Spec.Containers[0].Image != "bad:1");
        }

        Assert.Equal((8, 5), (h.SetWithImage("nginx:1").Spec.Replicas, h.SetWithImage("bad:1").Spec.Replicas));

        h.Edit(d => d.Spec.Replicas = 15);
        await h.ReconcileAsync();

        var old = h.SetWithImage("nginx:1");
        var bad = h.SetWithImage("bad:1");
        Assert.Equal((11, 7), (old.Spec.Replicas, bad.Spec.Replicas));
        Assert.All(h.Sets(), rs =>
        {
            Assert.Equal("15", rs.Metadata.Annotations[DeploymentAnnotations.DesiredReplicas]);
            Assert.Equal("18", rs.Metadata.Annotations[DeploymentAnnotations.MaxReplicas]);
        });
    }

    [Fact]
    public async Task ScalingWithOneActiveSet_ScalesThatSetToTheNewCount()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 3);
        await h.SettleAsync();

        h.Edit(d => d.Spec.Replicas = 10);
        await h.ReconcileAsync();

        var rs = Assert.Single(h.Sets());
        Assert.Equal(10, rs.Spec.Replicas);
        Assert.Equal("10", rs.Metadata.Annotations[DeploymentAnnotations.DesiredReplicas]);
        Assert.Contains($"Scaled up replica set {rs.Metadata.Name} to 10 from 3", h.Events.Messages("ScalingReplicaSet"));

        h.Edit(d => d.Spec.Replicas = 2);
        await h.ReconcileAsync();
        Assert.Equal(2, h.Sets()[0].Spec.Replicas);
    }
}
