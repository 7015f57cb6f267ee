using System.Text.Json.Nodes;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Tests.Registry;

public sealed class NoOpUpdateTests
{
    [Theory]
    [InlineData("""{"metadata":{"name":"a","managedFields":[{"manager":"m"}]},"spec":{"x":1},"status":{"phase":"Running"}}""")]
    [InlineData("""{"status":{"phase":"Running"},"spec":{"x":1},"metadata":{"managedFields":[{"manager":"m"}],"name":"a"}}""")]
    [InlineData("""{"metadata":{"name":"a","managedFields":[{"manager":"other"}]},"spec":{"x":1},"status":{"phase":"Running"}}""")]
    [InlineData("""{"metadata":{"name":"b","managedFields":[{"manager":"m"}]},"spec":{"x":1},"status":{"phase":"Running"}}""")]
    [InlineData("""{"metadata":{"name":"a","managedFields":[{"manager":"m"}]},"spec":{"x":1,"nodeName":"n"},"status":{"phase":"Running"}}""")]
    [InlineData("""{"metadata":{"name":"a","managedFields":[{"manager":"m"}]},"spec":{"x":1},"status":{"phase":"Pending"}}""")]
    [InlineData("""{"metadata":{"name":"a","managedFields":[{"manager":"m"}]},"spec":{"x":1.0},"status":{"phase":"Running"}}""")]
    [InlineData("""{"metadata":{"name":"a"},"spec":{"x":1},"status":{"phase":"Running"}}""")]
    [InlineData("""{"metadata":{"name":"a","labels":null},"spec":{"x":1},"status":{"phase":"Running"}}""")]
    [InlineData("""{"metadata":{"name":"a","managedFields":[{"manager":"m"}]},"spec":{"x":1},"other":null}""")]
    [InlineData("""{"metadata":null,"spec":{"x":1},"status":{"phase":"Running"}}""")]
    public void Is_AnswersAsDeepEquals(string desired)
    {
        const string Live = """{"metadata":{"name":"a","managedFields":[{"manager":"m"}]},"spec":{"x":1},"status":{"phase":"Running"}}""";
        var (a, b) = (JsonNode.Parse(desired)!.AsObject(), JsonNode.Parse(Live)!.AsObject());

        Assert.Equal(JsonNode.DeepEquals(a, b), NoOpUpdate.Is(a, b));
    }
}
