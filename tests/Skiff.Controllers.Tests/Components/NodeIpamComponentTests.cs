using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Controllers;
using Skiff.Controllers.NodeIpam;
using Skiff.Testing;

namespace Skiff.Controllers.Tests.Components;

/// <summary>The node-ipam controller against a real in-process API server.</summary>
[Trait("Category", "Slow")]
public sealed class NodeIpamComponentTests
{
    [Fact]
    public async Task NewNode_GetsASubnet_AndANodeWithItsOwnKeepsIt()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "taken" }, Spec = new V1NodeSpec { PodCIDR = "10.42.0.0/24", PodCIDRs = ["10.42.0.0/24"] } });
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "own" }, Spec = new V1NodeSpec { PodCIDR = "100.64.0.0/24", PodCIDRs = ["100.64.0.0/24"] } });
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "fresh" } });

        using var stop = new CancellationTokenSource();
        var runtime = new ControllerRuntime(cluster.NewClient(), TimeProvider.System, NullLoggerFactory.Instance);
        Assert.True(runtime.TrySetup(new NodeIpamSetup("10.42.0.0/16")));
        var running = runtime.RunAsync(stop.Token);
        try
        {
            await ControllerCluster.EventuallyAsync(
                async () => (await client.CoreV1.ReadNodeAsync("fresh")).Spec?.PodCIDR is not null, "a pod CIDR on the new node");
            var fresh = await client.CoreV1.ReadNodeAsync("fresh");
            Assert.Equal("10.42.1.0/24", fresh.Spec.PodCIDR);
            Assert.Equal(["10.42.1.0/24"], fresh.Spec.PodCIDRs);
            Assert.Equal("100.64.0.0/24", (await client.CoreV1.ReadNodeAsync("own")).Spec.PodCIDR);
        }
        finally
        {
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
