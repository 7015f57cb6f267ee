using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Controllers.Tests.Components;

[Trait("Category", "Slow")]
public sealed class PodGcComponentTests(ControllerCluster cluster) : IClassFixture<ControllerCluster>
{
    private IKubernetes Client => cluster.Client;

    [Fact]
    public async Task PodBoundToANodeThatDoesNotExist_IsForceDeleted()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "stranded" },
            Spec = new V1PodSpec { NodeName = "no-such-node", Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        };
        await Client.CoreV1.CreateNamespacedPodAsync(pod, "default");

        await ControllerCluster.EventuallyAsync(
            async () =>
            {
                try
                {
                    await Client.CoreV1.ReadNamespacedPodAsync("stranded", "default");
                    return false;
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    return true;
                }
            },
            "the stranded pod to be deleted");
    }
}
