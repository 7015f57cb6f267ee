using System.Text.Json.Nodes;
using Skiff.Api.Objects;

namespace Skiff.Api.Tests.Objects;

public sealed class BuiltInConversionTests
{
    [Fact]
    public void To_SameVersion_ReturnsTheSameInstance()
    {
        var obj = JsonNode.Parse("""{"apiVersion":"v1","kind":"Event","metadata":{"name":"e"}}""")!.AsObject();

        Assert.Same(obj, BuiltInConversion.To(obj, "v1"));
    }

    [Fact]
    public void To_CoreEventAtEventsGroup_RenamesFields()
    {
        var obj = JsonNode.Parse("""{"apiVersion":"v1","kind":"Event","metadata":{"name":"e"},"message":"hi","involvedObject":{"kind":"Pod","name":"p"}}""")!.AsObject();

        var converted = BuiltInConversion.To(obj, "events.k8s.io/v1");

        Assert.Equal("events.k8s.io/v1", (string?)converted["apiVersion"]);
        Assert.Equal("hi", (string?)converted["note"]);
        Assert.Equal("p", (string?)converted["regarding"]!["name"]);
        Assert.Equal("hi", (string?)obj["message"]);
    }

    [Fact]
    public void To_HpaV1AtV2_ConvertsAndUnknownPairsAreLeftAlone()
    {
        var hpa = JsonNode.Parse("""{"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"h"},"spec":{"maxReplicas":2,"targetCPUUtilizationPercentage":40}}""")!.AsObject();
        var pod = JsonNode.Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}""")!.AsObject();

        Assert.Equal(40, (int)BuiltInConversion.To(hpa, "autoscaling/v2")["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!);
        Assert.Same(pod, BuiltInConversion.To(pod, "apps/v1"));
    }
}
