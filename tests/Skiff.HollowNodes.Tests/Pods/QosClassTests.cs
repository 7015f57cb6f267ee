using k8s.Models;
using Skiff.HollowNodes.Pods;

namespace Skiff.HollowNodes.Tests.Pods;

public sealed class QosClassTests
{
    public static TheoryData<string, string?, string?, string?, string?> Cases => new()
    {
        // name, requests (cpu/memory), limits (cpu/memory) of the one container, expected
        { QosClass.BestEffort, null, null, null, null },
        { QosClass.Guaranteed, "1", "1Gi", "1", "1Gi" },
        { QosClass.Guaranteed, null, null, "1", "1Gi" },
        { QosClass.Burstable, "500m", "1Gi", "1", "1Gi" },
        { QosClass.Burstable, "1", null, null, null },
        { QosClass.Burstable, null, null, "1", null },
        { QosClass.BestEffort, "0", "0", null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_OneContainer_FollowsUpstreamRules(string expected, string? cpuRequest, string? memoryRequest, string? cpuLimit, string? memoryLimit)
    {
        var spec = new V1PodSpec { Containers = [Container("c", Resources(cpuRequest, memoryRequest), Resources(cpuLimit, memoryLimit))] };

        Assert.Equal(expected, QosClass.Of(spec));
    }

    [Fact]
    public void Of_InitContainerWithoutLimits_MakesAGuaranteedPodBurstable()
    {
        var spec = new V1PodSpec
        {
            Containers = [Container("c", null, Resources("1", "1Gi"))],
            InitContainers = [Container("init", null, null)],
        };

        Assert.Equal(QosClass.Burstable, QosClass.Of(spec));
    }

    [Fact]
    public void Of_OtherResourcesAlone_DoNotCount()
    {
        var spec = new V1PodSpec
        {
            Containers = [Container("c", new Dictionary<string, ResourceQuantity> { ["ephemeral-storage"] = new("1Gi") }, null)],
        };

        Assert.Equal(QosClass.BestEffort, QosClass.Of(spec));
    }

    [Fact]
    public void Of_PodLevelResources_DecideAlone()
    {
        var spec = new V1PodSpec
        {
            Resources = new V1ResourceRequirements { Limits = Resources("2", "2Gi"), Requests = Resources("2", "2Gi") },
            Containers = [Container("c", Resources("100m", null), null)],
        };

        Assert.Equal(QosClass.Guaranteed, QosClass.Of(spec));
    }

    private static V1Container Container(string name, IDictionary<string, ResourceQuantity>? requests, IDictionary<string, ResourceQuantity>? limits) =>
        new() { Name = name, Image = "x", Resources = new V1ResourceRequirements { Requests = requests, Limits = limits } };

    private static Dictionary<string, ResourceQuantity>? Resources(string? cpu, string? memory)
    {
        var resources = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            resources["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            resources["memory"] = new ResourceQuantity(memory);
        }

        return resources.Count == 0 ? null : resources;
    }
}
