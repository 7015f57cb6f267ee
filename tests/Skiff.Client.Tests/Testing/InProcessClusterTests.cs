using k8s;
using Skiff.Testing;

namespace Skiff.Client.Tests.Testing;

public sealed class InProcessClusterTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Start_ServesTheApiToAnAdminClient()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();

        var namespaces = await client.CoreV1.ListNamespaceAsync();

        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "kube-system");
    }
}
