using System.Text.Json.Nodes;
using Skiff.ApiServer.Printing;
using static Skiff.ApiServer.Tests.Printing.TestObjects;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class GoValueTextTests
{
    [Fact]
    public void Format_PrintsMapsSortedAndListsSpaceSeparated()
    {
        Assert.Equal("map[a:1 b:[x true] c:<nil>]", GoValueText.Format(Json("{'c':null,'b':['x',true],'a':1}")));
    }

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("42", "42")]
    [InlineData("\"web\"", "web")]
    [InlineData("false", "false")]
    public void Format_PrintsScalarsBare(string json, string expected)
    {
        Assert.Equal(expected, GoValueText.Format(JsonNode.Parse(json)));
    }
}
