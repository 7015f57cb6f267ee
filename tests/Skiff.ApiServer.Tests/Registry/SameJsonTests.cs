using System.Text.Json.Nodes;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Tests.Registry;

/// <summary>The encoding shortcut only ever agrees with <see cref="JsonNode.DeepEquals"/>.</summary>
public sealed class SameJsonTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2,{"c":"x"}]}""", """{"a":1,"b":[1,2,{"c":"x"}]}""", true)]
    [InlineData("""{"a":1,"b":2}""", """{"b":2,"a":1}""", true)]
    [InlineData("""{"a":"\u0041"}""", """{"a":"A"}""", true)]
    [InlineData("""{"a":1}""", """{"a":2}""", false)]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""", false)]
    [InlineData("""{"a":1}""", """{"a":1,"b":null}""", false)]
    [InlineData("""[{"a":{"f:x":{}},"b":1}]""", """[{"a":{"f:x":{}},"b":1}]""", true)]
    [InlineData("""[]""", """{}""", false)]
    public void Equal_AgreesWithDeepEquals(string a, string b, bool equal)
    {
        var left = JsonNode.Parse(a);
        var right = JsonNode.Parse(b);

        Assert.Equal(equal, SameJson.Equal(left, right));
        Assert.Equal(JsonNode.DeepEquals(left, right), SameJson.Equal(left, right));
    }

    [Fact]
    public void Equal_BuiltAndParsedNodes()
    {
        var built = new JsonObject { ["n"] = 30, ["s"] = "x", ["list"] = new JsonArray(new JsonObject { ["k"] = true }) };
        var parsed = JsonNode.Parse("""{"n":30,"s":"x","list":[{"k":true}]}""");

        Assert.True(SameJson.Equal(built, parsed));
        Assert.False(SameJson.Equal(built, null));
        Assert.True(SameJson.Equal(null, null));
    }
}
