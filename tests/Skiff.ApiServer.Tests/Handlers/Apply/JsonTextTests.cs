using System.Text.Json.Nodes;
using Skiff.ApiServer.Handlers.Apply;

namespace Skiff.ApiServer.Tests.Handlers.Apply;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("""[{"a":{"f:x":{}},"b":1}]""", """[{"a":{"f:x":{}},"b":1}]""", true)]
    [InlineData("""{"a":1,"b":2}""", """{"b":2,"a":1}""", true)]
    [InlineData("""{"a":"\u0041"}""", """{"a":"A"}""", true)]
    [InlineData("""[{"a":1}]""", """[{"a":2}]""", false)]
    [InlineData("""[]""", """{}""", false)]
    public void DeepEquals_AgreesWithNodeComparison(string left, string right, bool expected)
    {
        Assert.Equal(expected, JsonText.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right)));
        Assert.Equal(expected, JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right)));
    }

    [Fact]
    public void DeepEquals_Null_EqualsOnlyNull()
    {
        Assert.True(JsonText.DeepEquals(null, null));
        Assert.False(JsonText.DeepEquals(JsonNode.Parse("{}"), null));
    }
}
