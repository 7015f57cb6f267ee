using System.Text;
using System.Text.Json;
using k8s.Models;
using Skiff.Client.Informers;

namespace Skiff.Client.Tests.Informers;

public sealed class WatchLineTests
{
    private static readonly ResourcePath Pods = new(string.Empty, "v1", "pods", "Pod");

    [Theory]
    [InlineData("""{"type":"MODIFIED","object":{"metadata":{"name":"a"},"type":"not-this"}}""", "MODIFIED", """{"metadata":{"name":"a"},"type":"not-this"}""")]
    [InlineData("""{"object":{"kind":"Pod","spec":{"x":[1,{"object":2}]}},"type":"ADDED"}""", "ADDED", """{"kind":"Pod","spec":{"x":[1,{"object":2}]}}""")]
    [InlineData("""{ "type" : "DELETED" , "extra":[{"type":"X"}], "object" : {} }""", "DELETED", "{}")]
    public void Parse_FindsTheTopLevelTypeAndObjectBytes(string line, string type, string obj)
    {
        var parsed = WatchLine.Parse(Encoding.UTF8.GetBytes(line));

        Assert.Equal(type, parsed.Type);
        Assert.Equal(obj, Encoding.UTF8.GetString(parsed.Object));
    }

    [Theory]
    [InlineData("""{"type":"ADDED"}""")]
    [InlineData("""{"object":{}}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"type":"ADDED","object":{"a":""")]
    public void Parse_RejectsLinesThatAreNotWatchEvents(string line)
    {
        Assert.ThrowsAny<JsonException>(() => WatchLine.Parse(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void Typed_DecodesWithKubernetesConventions_AndFillsTypeFromTheResource()
    {
        var json = """{"metadata":{"name":"p","creationTimestamp":"2026-11-24T08:00:00Z"},"spec":{"containers":[{"name":"c","resources":{"requests":{"cpu":"100m"}}}]}}"""u8;

        var pod = ObjectDecoder.Typed<V1Pod>(json, Pods);

        Assert.Equal(("v1", "Pod", "p"), (pod.ApiVersion, pod.Kind, pod.Metadata.Name));
        Assert.Equal(new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc), pod.Metadata.CreationTimestamp);
        Assert.Equal("100m", pod.Spec.Containers[0].Resources.Requests["cpu"].ToString());
    }

    [Fact]
    public void Partial_ReadsKindAndMetadataOnly()
    {
        var json = """{"spec":{"metadata":{"name":"inner"}},"kind":"Lease","metadata":{"name":"n","uid":"u","ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"n","uid":"x"}]}}"""u8;

        var partial = ObjectDecoder.Partial(json, new ResourcePath("coordination.k8s.io", "v1", "leases", string.Empty));

        Assert.Equal(("coordination.k8s.io/v1", "Lease", "n", "u"), (partial.ApiVersion, partial.Kind, partial.Metadata.Name, partial.Metadata.Uid));
        Assert.Equal("Node", Assert.Single(partial.Metadata.OwnerReferences).Kind);
    }

    [Fact]
    public void Partial_WithoutKind_TakesTheResourcesKind()
    {
        var partial = ObjectDecoder.Partial("""{"metadata":{"name":"n"}}"""u8, Pods);

        Assert.Equal("Pod", partial.Kind);
    }
}
