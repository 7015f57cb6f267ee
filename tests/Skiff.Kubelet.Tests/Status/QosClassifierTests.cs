using k8s.Models;
using Skiff.Kubelet.Status;

namespace Skiff.Kubelet.Tests.Status;

public sealed class QosClassifierTests
{
    private static V1PodSpec Spec(Dictionary<string, string>? requests, Dictionary<string, string>? limits) => new()
    {
        Containers =
        [
            new V1Container
            {
                Name = "c",
                Resources = new V1ResourceRequirements
                {
                    Requests = requests?.ToDictionary(kv => kv.Key, kv => new ResourceQuantity(kv.Value)),
                    Limits = limits?.ToDictionary(kv => kv.Key, kv => new ResourceQuantity(kv.Value)),
                },
            },
        ],
    };

    [Fact]
    public void NoResources_IsBestEffort() => Assert.Equal("BestEffort", QosClassifier.Classify(Spec(null, null)));

    [Fact]
    public void LimitsEqualRequests_IsGuaranteed() =>
        Assert.Equal("Guaranteed", QosClassifier.Classify(Spec(new() { ["cpu"] = "100m", ["memory"] = "64Mi" }, new() { ["cpu"] = "100m", ["memory"] = "64Mi" })));

    [Fact]
    public void LimitsOnly_IsGuaranteed() =>
        Assert.Equal("Guaranteed", QosClassifier.Classify(Spec(null, new() { ["cpu"] = "1", ["memory"] = "1Gi" })));

    [Fact]
    public void RequestBelowLimit_IsBurstable() =>
        Assert.Equal("Burstable", QosClassifier.Classify(Spec(new() { ["cpu"] = "100m", ["memory"] = "64Mi" }, new() { ["cpu"] = "200m", ["memory"] = "64Mi" })));

    [Fact]
    public void MemoryLimitOnly_IsBurstable() =>
        Assert.Equal("Burstable", QosClassifier.Classify(Spec(null, new() { ["memory"] = "64Mi" })));
}
