using System.Text.Json.Nodes;
using Skiff.ApiServer.Handlers.Apply;

namespace Skiff.ApiServer.Tests.Handlers.Apply;

public sealed class ManagedFieldsCodecTests
{
    private static JsonNode Node(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!;

    [Fact]
    public void Write_OrdersApplyBeforeUpdateThenByTime()
    {
        var entries = new[]
        {
            new ManagedFieldsEntry("b", "Update", "v1", "2024-01-01T00:00:02Z", string.Empty, FieldSet.Parse("{'f:a':{}}".Replace('\'', '"'))),
            new ManagedFieldsEntry("a", "Update", "v1", "2024-01-01T00:00:01Z", "status", FieldSet.Parse("{'f:b':{}}".Replace('\'', '"'))),
            new ManagedFieldsEntry("z", "Apply", "v1", "2024-01-01T00:00:09Z", string.Empty, FieldSet.Parse("{'f:c':{}}".Replace('\'', '"'))),
        };

        var written = ManagedFieldsCodec.Write(entries);

        Assert.Equal(["z", "a", "b"], written.Select(e => e!["manager"]!.GetValue<string>()));
        Assert.Equal(
            """{"manager":"a","operation":"Update","apiVersion":"v1","time":"2024-01-01T00:00:01Z","fieldsType":"FieldsV1","fieldsV1":{"f:b":{}},"subresource":"status"}""",
            written[1]!.ToJsonString());
    }

    [Theory]
    [InlineData("{'x':1}")]
    [InlineData("[{'manager':'m','operation':'Patch','fieldsType':'FieldsV1','fieldsV1':{}}]")]
    [InlineData("[{'manager':'m','operation':'Update','fieldsType':'FieldsV2','fieldsV1':{}}]")]
    [InlineData("[{'manager':'m','operation':'Update','fieldsType':'FieldsV1','fieldsV1':{'bogus':{}}}]")]
    [InlineData("[{'manager':'m','operation':'Apply','fieldsType':'FieldsV1'},{'manager':'m','operation':'Apply','fieldsType':'FieldsV1','apiVersion':'v2'}]")]
    public void TryRead_MalformedEntries_AreRejected(string managedFields)
    {
        Assert.Null(ManagedFieldsCodec.TryRead(Node(managedFields)));
    }

    [Fact]
    public void TryRead_ThenWrite_RoundTrips()
    {
        var text = """[{"manager":"m","operation":"Apply","apiVersion":"apps/v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]""";

        var entries = ManagedFieldsCodec.TryRead(JsonNode.Parse(text))!;

        Assert.Equal(text, ManagedFieldsCodec.Write(entries).ToJsonString());
    }
}
