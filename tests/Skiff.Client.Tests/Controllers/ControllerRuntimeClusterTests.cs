using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Controllers;
using Skiff.Client.Tests.Informers;
using Skiff.Testing;

namespace Skiff.Client.Tests.Controllers;

[Trait("Category", "Slow")]
public sealed class ControllerRuntimeClusterTests
{
    [Fact]
    public async Task Runtime_SetsUpAndRunsAControllerThatReactsToOwnedObjects()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        using var stop = new CancellationTokenSource();
        var runtime = new ControllerRuntime(client, TimeProvider.System, NullLoggerFactory.Instance);
        var reconciler = new RecordingReconciler();
        Assert.True(runtime.TrySetup(new TestSetup(reconciler)));
        var run = runtime.RunAsync(stop.Token);

        var owner = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, "default");
        await Eventually.TrueAsync(() => reconciler.Keys.Contains(new ObjectKey("default", "owner")), "the primary's own key", 30_000);
        var before = reconciler.Calls;
        await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "owned",
                    OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, Controller = true }],
                },
            },
            "default");

        await Eventually.TrueAsync(() => reconciler.Calls > before, "the owner's key again after its secret appeared", 30_000);
        Assert.Equal(["setup-test"], runtime.Controllers);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private sealed class TestSetup(IReconciler reconciler) : IControllerSetup
    {
        public string Name => "setup-test";

        public void Setup(ControllerContext context) =>
            context.NewController(Name).For<V1ConfigMap>().Owns<V1Secret>().Build(reconciler);
    }
}
