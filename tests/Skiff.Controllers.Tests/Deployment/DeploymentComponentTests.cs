using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Controllers;
using Skiff.Controllers.Deployment;
using Skiff.Testing;

namespace Skiff.Controllers.Tests.Deployment;

/// <summary>
/// The Deployment controller against a real in-process API server. No ReplicaSet controller runs here: the test
/// plays it by copying each set's spec into its status, so every pod "starts" and is available at once.
/// </summary>
public sealed class DeploymentComponentTests
{
    private const string Ns = "default";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task RollingUpdate_ThroughTheApi_EndsWithTwoRevisionsAndCompleteStatus()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        using var stop = new CancellationTokenSource();
        var runtime = new ControllerRuntime(client, TimeProvider.System, NullLoggerFactory.Instance);
        Assert.True(runtime.TrySetup(new DeploymentSetup()));
        var running = runtime.RunAsync(stop.Token);
        var replicaSets = PlayReplicaSetControllerAsync(client, stop.Token);
        try
        {
            await client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment(), Ns);
            await WaitAsync(client, d => Revision(d) == "1" && IsComplete(d, 3));

            var patch = new V1Patch(
                "{\"metadata\":{\"annotations\":{\"kubernetes.io/change-cause\":\"v2\"}},\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}",
                V1Patch.PatchType.StrategicMergePatch);
            await client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", Ns);
            var done = await WaitAsync(client, d => Revision(d) == "2" && IsComplete(d, 3));

            var progressing = done.Status.Conditions.Single(c => c.Type == "Progressing");
            var sets = (await client.AppsV1.ListNamespacedReplicaSetAsync(Ns)).Items.OrderBy(rs => rs.Metadata.Annotations[DeploymentAnnotations.Revision]).ToList();
            Assert.Equal(2, sets.Count);
            Assert.Equal((0, 3), (sets[0].Spec.Replicas, sets[1].Spec.Replicas));
            Assert.Equal("v2", sets[1].Metadata.Annotations[DeploymentAnnotations.ChangeCause]);
            Assert.Equal($"ReplicaSet \"{sets[1].Metadata.Name}\" has successfully progressed.", progressing.Message);
            Assert.All(sets, rs => Assert.Equal(done.Metadata.Uid, Assert.Single(rs.Metadata.OwnerReferences).Uid));
            var events = await client.CoreV1.ListNamespacedEventAsync(Ns);
            Assert.Contains(events.Items, e => e.Reason == "ScalingReplicaSet" && e.Message == $"Scaled up replica set {sets[1].Metadata.Name} to 1");

            // A finished rollout is left alone: no status write per resync, no ReplicaSet churn.
            var setVersions = sets.Select(rs => rs.Metadata.ResourceVersion).ToList();
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(done.Metadata.ResourceVersion, (await client.AppsV1.ReadNamespacedDeploymentAsync("web", Ns)).Metadata.ResourceVersion);
            var setsAfter = (await client.AppsV1.ListNamespacedReplicaSetAsync(Ns)).Items.OrderBy(rs => rs.Metadata.Annotations[DeploymentAnnotations.Revision]);
            Assert.Equal(setVersions, setsAfter.Select(rs => rs.Metadata.ResourceVersion));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            await replicaSets;
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task MatchingOrphanReplicaSet_IsAdoptedThroughAStrategicMergePatch()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        var deployment = await client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment(), Ns);
        var orphan = await client.AppsV1.CreateNamespacedReplicaSetAsync(
            new V1ReplicaSet
            {
                Metadata = new V1ObjectMeta { Name = "orphan", Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1ReplicaSetSpec
                {
                    Replicas = 0,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                    Template = deployment.Spec.Template,
                },
            },
            Ns);
        var writer = new KubernetesDeploymentWriter(client);

        var adopted = await writer.AdoptReplicaSetAsync(orphan, Ownership.ControllerReference(deployment), CancellationToken.None);
        await writer.ReleaseReplicaSetAsync(adopted!, deployment.Metadata.Uid, CancellationToken.None);

        Assert.Equal(deployment.Metadata.Uid, Assert.Single(adopted!.Metadata.OwnerReferences).Uid);
        var released = await client.AppsV1.ReadNamespacedReplicaSetAsync("orphan", Ns);
        Assert.True(released.Metadata.OwnerReferences is null or { Count: 0 });
        Assert.Null(await writer.CreateReplicaSetAsync(orphan, CancellationToken.None));
    }

    private static V1Deployment NewDeployment() =>
        new()
        {
            Metadata = new V1ObjectMeta { Name = "web", Annotations = new Dictionary<string, string> { [DeploymentAnnotations.ChangeCause] = "v1" } },
            Spec = new V1DeploymentSpec
            {
                Replicas = 3,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx:1" }] },
                },
            },
        };

    private static string? Revision(V1Deployment d) =>
        d.Metadata.Annotations?.TryGetValue(DeploymentAnnotations.Revision, out var r) == true ? r : null;

    private static bool IsComplete(V1Deployment d, int replicas) =>
        d.Status is { } s && s.Replicas == replicas && s.UpdatedReplicas == replicas && s.AvailableReplicas == replicas
        && s.ObservedGeneration == d.Metadata.Generation
        && s.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable") == true;

    private static async Task<V1Deployment> WaitAsync(IKubernetes client, Func<V1Deployment, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var d = await client.AppsV1.ReadNamespacedDeploymentAsync("web", Ns);
            if (done(d))
            {
                return d;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"deployment never got there; metadata: {KubernetesJson.Serialize(d.Metadata)} status: {KubernetesJson.Serialize(d.Status ?? new V1DeploymentStatus())}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Copies every ReplicaSet's spec.replicas into its status, as if its pods ran and were available at once.</summary>
    private static async Task PlayReplicaSetControllerAsync(IKubernetes client, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var rs in (await client.AppsV1.ListNamespacedReplicaSetAsync(Ns, cancellationToken: ct)).Items)
                {
                    var replicas = rs.Spec.Replicas ?? 1;
                    if (rs.Status?.Replicas == replicas && rs.Status.AvailableReplicas == replicas && rs.Status.ObservedGeneration == rs.Metadata.Generation)
                    {
                        continue;
                    }

                    rs.Status = new V1ReplicaSetStatus
                    {
                        Replicas = replicas,
                        ReadyReplicas = replicas,
                        AvailableReplicas = replicas,
                        FullyLabeledReplicas = replicas,
                        ObservedGeneration = rs.Metadata.Generation,
                    };
                    try
                    {
                        await client.AppsV1.ReplaceNamespacedReplicaSetStatusAsync(rs, rs.Metadata.Name, Ns, cancellationToken: ct);
                    }
                    catch (k8s.Autorest.HttpOperationException)
                    {
                        // Conflict with the controller's own write: the next pass reads it again.
                    }
                }

                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
