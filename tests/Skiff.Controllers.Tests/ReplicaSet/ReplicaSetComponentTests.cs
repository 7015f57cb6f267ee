using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Controllers;
using Skiff.Controllers.ReplicaSet;
using Skiff.Testing;

namespace Skiff.Controllers.Tests.ReplicaSet;

/// <summary>The ReplicaSet and ReplicationController controllers against a real in-process API server.</summary>
public sealed class ReplicaSetComponentTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ReplicaSet_CreatesPodsAndScalesDown()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        using var stop = new CancellationTokenSource();
        var runtime = new ControllerRuntime(client, TimeProvider.System, NullLoggerFactory.Instance);
        Assert.True(runtime.TrySetup(new ReplicaSetSetup()));
        var running = runtime.RunAsync(stop.Token);
        try
        {
            var rs = Objects.ReplicaSet("web", replicas: 3);
            rs.Metadata.Uid = null;
            rs.Metadata.Generation = null;
            var created = await client.AppsV1.CreateNamespacedReplicaSetAsync(rs, Objects.Namespace);

            var pods = await WaitForPodsAsync(client, "app=web", 3);
            Assert.All(pods, p =>
            {
                var owner = Assert.Single(p.Metadata.OwnerReferences);
                Assert.Equal(("ReplicaSet", "web", created.Metadata.Uid, true, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
                Assert.StartsWith("web-", p.Metadata.Name, StringComparison.Ordinal);
            });
            await WaitAsync(async () => (await client.AppsV1.ReadNamespacedReplicaSetAsync("web", Objects.Namespace)).Status?.Replicas == 3);

            var patch = new V1Patch("{\"spec\":{\"replicas\":1}}", V1Patch.PatchType.MergePatch);
            await client.AppsV1.PatchNamespacedReplicaSetAsync(patch, "web", Objects.Namespace);

            var left = await WaitForPodsAsync(client, "app=web", 1);
            Assert.Contains(left[0].Metadata.Name, pods.Select(p => p.Metadata.Name));
            await WaitAsync(async () => (await client.AppsV1.ReadNamespacedReplicaSetAsync("web", Objects.Namespace)).Status is { Replicas: 1, ObservedGeneration: 2 });
            var events = await client.CoreV1.ListNamespacedEventAsync(Objects.Namespace);
            Assert.Contains(events.Items, e => e.Reason == "SuccessfulDelete" && e.InvolvedObject.Name == "web");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ReplicaSet_AdoptsOrphansAndReleasesRelabeledPods()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        using var stop = new CancellationTokenSource();
        var runtime = new ControllerRuntime(client, TimeProvider.System, NullLoggerFactory.Instance);
        Assert.True(runtime.TrySetup(new ReplicaSetSetup()));
        var running = runtime.RunAsync(stop.Token);
        try
        {
            var orphan = Objects.Pod("orphan");
            orphan.Metadata.Uid = null;
            orphan.Metadata.CreationTimestamp = null;
            orphan.Status = null;
            await client.CoreV1.CreateNamespacedPodAsync(orphan, Objects.Namespace);
            var rs = Objects.ReplicaSet("web", replicas: 2);
            rs.Metadata.Uid = null;
            rs.Metadata.Generation = null;
            var created = await client.AppsV1.CreateNamespacedReplicaSetAsync(rs, Objects.Namespace);

            var pods = await WaitForPodsAsync(client, "app=web", 2);
            var adopted = Assert.Single(pods, p => p.Metadata.Name == "orphan");
            Assert.Equal(created.Metadata.Uid, Assert.Single(adopted.Metadata.OwnerReferences).Uid);

            var relabel = new V1Patch("{\"metadata\":{\"labels\":{\"app\":\"debug\"}}}", V1Patch.PatchType.MergePatch);
            await client.CoreV1.PatchNamespacedPodAsync(relabel, "orphan", Objects.Namespace);

            await WaitAsync(async () => (await client.CoreV1.ReadNamespacedPodAsync("orphan", Objects.Namespace)).Metadata.OwnerReferences is null or { Count: 0 });
            var replaced = await WaitForPodsAsync(client, "app=web", 2);
            Assert.DoesNotContain(replaced, p => p.Metadata.Name == "orphan");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ReplicationController_CreatesPods()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        using var stop = new CancellationTokenSource();
        var runtime = new ControllerRuntime(client, TimeProvider.System, NullLoggerFactory.Instance);
        Assert.True(runtime.TrySetup(new ReplicationControllerSetup()));
        var running = runtime.RunAsync(stop.Token);
        try
        {
            var rc = new V1ReplicationController
            {
                Metadata = new V1ObjectMeta { Name = "nginx" },
                Spec = new V1ReplicationControllerSpec
                {
                    Replicas = 2,
                    Selector = new Dictionary<string, string> { ["app"] = "nginx" },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "nginx" } },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] },
                    },
                },
            };
            await client.CoreV1.CreateNamespacedReplicationControllerAsync(rc, Objects.Namespace);

            var pods = await WaitForPodsAsync(client, "app=nginx", 2);
            Assert.All(pods, p => Assert.Equal("ReplicationController", Assert.Single(p.Metadata.OwnerReferences).Kind));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    /// <summary>Waits until exactly <paramref name="count"/> live pods match, and stay so for a moment (no overshoot).</summary>
    private static async Task<IList<V1Pod>> WaitForPodsAsync(IKubernetes client, string selector, int count)
    {
        IList<V1Pod> live = [];
        await WaitAsync(async () =>
        {
            live = await LivePodsAsync(client, selector);
            return live.Count == count;
        });
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        live = await LivePodsAsync(client, selector);
        Assert.Equal(count, live.Count);
        return live;
    }

    private static async Task<IList<V1Pod>> LivePodsAsync(IKubernetes client, string selector)
    {
        var list = await client.CoreV1.ListNamespacedPodAsync(Objects.Namespace, labelSelector: selector);
        return [.. list.Items.Where(p => p.Metadata.DeletionTimestamp is null)];
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
