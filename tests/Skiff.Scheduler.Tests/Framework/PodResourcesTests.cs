using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Framework;

public sealed class PodResourcesTests
{
    [Fact]
    public void Requests_TakeLargestInitContainerAndAddSidecarsAndOverhead()
    {
        var pod = new V1Pod
        {
            Spec = new V1PodSpec
            {
                Containers = [Container("500m", null), Container("250m", null)],
                InitContainers = [Container("2", null), Container("100m", "Always"), Container("1", null)],
                Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m") },
            },
        };

        var requests = PodResources.Requests(pod);

        // Regular 750m + sidecar 100m = 850m; the 2-CPU init container ran before the sidecar, so peak is 2000m.
        Assert.Equal(2010, requests.MilliCpu);
    }

    [Fact]
    public void NonZeroRequests_CountDefaultsForContainersWithoutRequests()
    {
        var pod = new V1Pod { Spec = new V1PodSpec { Containers = [new V1Container { Name = "c" }] } };

        var requests = PodResources.NonZeroRequests(pod);

        Assert.Equal(PodResources.DefaultMilliCpuRequest, requests.MilliCpu);
        Assert.Equal(PodResources.DefaultMemoryRequest, requests.Memory);
        Assert.Equal(0, PodResources.Requests(pod).MilliCpu);
    }

    [Fact]
    public void Both_EqualsEachViewComputedAlone_ForInitContainersSidecarsAndMissingRequests()
    {
        var pod = new V1Pod
        {
            Spec = new V1PodSpec
            {
                Containers = [Container("500m", null), new V1Container { Name = "bare" }],
                InitContainers = [Container("2", null), Container("100m", "Always"), Container("1", null)],
                Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m") },
            },
        };

        var (requests, nonZero) = PodResources.Both(pod);

        Assert.Equal(PodResources.Requests(pod).MilliCpu, requests.MilliCpu);
        Assert.Equal(PodResources.NonZeroRequests(pod).MilliCpu, nonZero.MilliCpu);
        Assert.Equal(PodResources.NonZeroRequests(pod).Memory, nonZero.Memory);

        // Sidecar 100m is counted once in the pod's total and the 2-CPU init container sets the peak.
        Assert.Equal(2010, requests.MilliCpu);
        Assert.Equal(2010, nonZero.MilliCpu);
    }

    private static V1Container Container(string cpu, string? restartPolicy) => new()
    {
        Name = "c" + cpu,
        RestartPolicy = restartPolicy,
        Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) } },
    };
}
