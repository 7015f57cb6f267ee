using System.Text.Json.Nodes;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Tests.Registry;

public sealed class PodQosClassTests
{
    [Theory]
    [InlineData("""{"containers":[{"name":"a"}]}""", "BestEffort")]
    [InlineData("""{"containers":[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"}}}]}""", "Guaranteed")]
    [InlineData("""{"containers":[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1000m","memory":"1Gi"}}}]}""", "Guaranteed")]
    [InlineData("""{"containers":[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m"}}}]}""", "Burstable")]
    [InlineData("""{"containers":[{"name":"a","resources":{"requests":{"memory":"10Mi"}}}]}""", "Burstable")]
    [InlineData("""{"containers":[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"}}},{"name":"b"}]}""", "Burstable")]
    [InlineData("""{"initContainers":[{"name":"i","resources":{"requests":{"cpu":"1"}}}],"containers":[{"name":"a"}]}""", "Burstable")]
    [InlineData("""{"containers":[{"name":"a","resources":{"limits":{"example.com/gpu":"1"}}}]}""", "BestEffort")]
    public void Of_ClassifiesAsUpstream(string spec, string expected)
    {
        var pod = new JsonObject { ["spec"] = JsonNode.Parse(spec) };

        Assert.Equal(expected, PodQosClass.Of(pod));
    }

    [Fact]
    public void PodCreate_StampsPendingAndQosClass()
    {
        var pod = new JsonObject { ["spec"] = JsonNode.Parse("""{"containers":[{"name":"a"}]}"""), ["status"] = new JsonObject { ["phase"] = "Running" } };

        new PodStrategy().PrepareForCreate(pod);

        Assert.Equal("Pending", pod["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("BestEffort", pod["status"]!["qosClass"]!.GetValue<string>());
    }

    [Fact]
    public void NodeCreate_KeepsTheStatusTheKubeletRegistered()
    {
        var node = new JsonObject { ["status"] = JsonNode.Parse("""{"capacity":{"cpu":"4"}}""") };

        new NodeStrategy().PrepareForCreate(node);

        Assert.Equal("4", node["status"]!["capacity"]!["cpu"]!.GetValue<string>());
    }
}
