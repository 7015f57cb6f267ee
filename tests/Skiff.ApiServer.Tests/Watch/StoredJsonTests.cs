using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;

namespace Skiff.ApiServer.Tests.Watch;

public sealed class StoredJsonTests
{
    public static TheoryData<string> StoredObjects => new()
    {
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p\u00e9","namespace":"ns1","labels":{"a":"<b>&\"q\"\\"}},"spec":{"n":1.0,"big":12345678901234567890,"template":{"metadata":{"name":"inner"}},"list":[{"x":[1,2,{"y":null}]},"\ud83d\ude00"]},"status":{}}""",
        """{"kind":"Node","metadata":{"name":"n1","uid":"u"}}""",
        """{"metadata":{},"data":{"k":"v"}}""",
        """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"hollow-1","namespace":"kube-node-lease","managedFields":[{"manager":"m","fieldsV1":{"f:spec":{"f:renewTime":{}}}}]},"spec":{"renewTime":"2026-11-24T06:00:00.000000Z"}}""",
    };

    [Theory]
    [MemberData(nameof(StoredObjects))]
    public void AddResourceVersion_GivesTheBytesOfDecodingAndEncodingAgain(string stored)
    {
        var bytes = Json.Serialize(JsonNode.Parse(stored)!);

        Assert.True(StoredJson.TryAddResourceVersion(bytes, 4242, out var json, out var ns));

        var decoded = Json.ParseObject(bytes);
        decoded["metadata"]!["resourceVersion"] = "4242";
        Assert.Equal(Encoding.UTF8.GetString(Json.Serialize(decoded)), Encoding.UTF8.GetString(json));
        Assert.Equal((string?)decoded["metadata"]!["namespace"] ?? string.Empty, ns);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"a","resourceVersion":"3"}}""")]
    [InlineData("""{"kind":"NoMetadata"}""")]
    [InlineData("""{"metadata":"odd"}""")]
    [InlineData("""[1,2]""")]
    public void AddResourceVersion_OutsideTheStoredShape_LeavesItToTheDecoder(string stored)
    {
        Assert.False(StoredJson.TryAddResourceVersion(Encoding.UTF8.GetBytes(stored), 5, out _, out _));
    }

    [Theory]
    [MemberData(nameof(StoredObjects))]
    public void WriteWithResourceVersion_WritesWhatAddResourceVersionReturns(string stored)
    {
        var bytes = Json.Serialize(JsonNode.Parse(stored)!);
        var output = new ArrayBufferWriter<byte>();

        Assert.True(StoredJson.TryWriteWithResourceVersion(bytes, 4242, output));

        Assert.True(StoredJson.TryAddResourceVersion(bytes, 4242, out var json, out _));
        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"a","resourceVersion":"3"}}""")]
    [InlineData("""{"kind":"NoMetadata"}""")]
    public void WriteWithResourceVersion_OutsideTheStoredShape_WritesNothing(string stored)
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.False(StoredJson.TryWriteWithResourceVersion(Encoding.UTF8.GetBytes(stored), 5, output));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void CachedObject_FromBytes_ParsesItsDocumentOnlyWhenRead()
    {
        var bytes = Json.Serialize(JsonNode.Parse("""{"metadata":{"name":"a","namespace":"n"},"spec":{"x":[1]}}""")!);
        Assert.True(StoredJson.TryAddResourceVersion(bytes, 9, out var json, out var ns));

        var cached = new CachedObject("/registry/things/n/a", ns, json, 9);

        Assert.Equal("n", cached.Namespace);
        Assert.Equal("9", (string?)cached.Object["metadata"]!["resourceVersion"]);
        Assert.Equal(1, (int)cached.Object["spec"]!["x"]![0]!);
        Assert.Equal(Encoding.UTF8.GetString(json), cached.Object.ToJsonString(Json.Compact));
    }
}
