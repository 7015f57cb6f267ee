using k8s;
using k8s.Models;

namespace Skiff.E2E;

/// <summary>kill -9 of the server in the middle of a rolling update: the restarted server finishes it with no extra pods.</summary>
[Trait("Category", "Slow")]
public sealed class RolloutAcrossRestartTests
{
    private const int Replicas = 20;

    [Fact]
    public async Task KilledMidRollout_RestartFinishesWithoutDuplicatePods()
    {
        var first = await SkiffServer.StartAsync();
        var dataDir = first.DataDir;
        var port = first.Port;
        SkiffServer? second = null;
        try
        {
            await using var nodes = await HollowNodesProcess.StartAsync(first.Kubeconfig, 4, null, "--cpu", "32", "--memory", "64Gi");
            var kubectl = new Kubectl("1.33", first.Kubeconfig);
            await kubectl.OkAsync("create namespace restart");
            await kubectl.OkAsync("create deployment web -n restart --image=localhost:5000/skiff-test/httpd:1 --replicas=" + Replicas);
            await RolloutStatusAsync(kubectl);

            await kubectl.OkAsync("set image -n restart deployment/web httpd=localhost:5000/skiff-test/httpd:2");
            using (var client = NewClient(first.Kubeconfig))
            {
                await UntilAsync(async () => (await client.AppsV1.ReadNamespacedDeploymentAsync("web", "restart")).Status?.UpdatedReplicas > 0, "rollout under way");
            }

            await first.KillAsync();
            second = await SkiffServer.StartAsync(dataDir, port);
            await RolloutStatusAsync(kubectl);

            using var after = NewClient(second.Kubeconfig);
            var deployment = await after.AppsV1.ReadNamespacedDeploymentAsync("web", "restart");
            var pods = (await after.CoreV1.ListNamespacedPodAsync("restart")).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            Assert.Equal(Replicas, deployment.Status.UpdatedReplicas);
            await UntilAsync(
                async () => (await after.CoreV1.ListNamespacedPodAsync("restart")).Items.Count(p => p.Metadata.DeletionTimestamp is null) == Replicas,
                $"exactly {Replicas} pods");
            var sets = (await after.AppsV1.ListNamespacedReplicaSetAsync("restart")).Items;
            Assert.Equal(2, sets.Count);
            var current = sets.Single(rs => rs.Spec.Replicas == Replicas);
            Assert.EndsWith(":2", current.Spec.Template.Spec.Containers[0].Image, StringComparison.Ordinal);
            Assert.Equal(0, sets.Single(rs => rs != current).Spec.Replicas);
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            await first.DisposeAsync();
        }
    }

    private static Kubernetes NewClient(string kubeconfig) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));

    private static async Task RolloutStatusAsync(Kubectl kubectl)
    {
        var result = await kubectl.RunAsync("rollout status -n restart deployment/web --timeout=150s", timeoutSeconds: 180);
        Assert.True(result.ExitCode == 0, $"rollout status failed:\n{result.Stderr}\n{result.Stdout}");
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"timed out waiting for {what}");
    }
}
