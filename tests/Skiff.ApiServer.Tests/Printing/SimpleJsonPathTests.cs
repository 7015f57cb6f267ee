using System.Text.Json.Nodes;
using Skiff.ApiServer.Printing;
using static Skiff.ApiServer.Tests.Printing.TestObjects;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class SimpleJsonPathTests
{
    private static readonly JsonObject Doc = Json(
        "{'metadata':{'name':'a','labels':{'app.kubernetes.io/name':'web'}},'spec':{'replicas':3,'ports':[{'port':80},{'port':443}]}," +
        "'status':{'conditions':[{'type':'Synced','status':'True'},{'type':'Ready','status':'False','reason':'Waiting'}]}}");

    [Theory]
    [InlineData(".spec.replicas", "3")]
    [InlineData("$.spec.replicas", "3")]
    [InlineData("{.spec.replicas}", "3")]
    [InlineData(".metadata.labels['app.kubernetes.io/name']", "\"web\"")]
    [InlineData(".metadata.labels[\"app.kubernetes.io/name\"]", "\"web\"")]
    [InlineData(".spec.ports[1].port", "443")]
    [InlineData(".spec.ports[-1].port", "443")]
    [InlineData(".spec.ports[*].port", "80,443")]
    [InlineData(".spec.ports.*.port", "80,443")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "\"False\"")]
    [InlineData(".status.conditions[?(@.type=='Ready')].reason", "\"Waiting\"")]
    [InlineData(".status.conditions[?(@.type!=\"Ready\")].type", "\"Synced\"")]
    [InlineData(".status.conditions[?(@.reason)].type", "\"Ready\"")]
    [InlineData(".spec.missing", "")]
    [InlineData(".spec.ports[5]", "")]
    [InlineData(".status.conditions[?(@.type==\"Gone\")].status", "")]
    public void Evaluate_SelectsValues(string path, string expected)
    {
        var results = SimpleJsonPath.Parse(path).Evaluate(Doc);

        Assert.Equal(expected, string.Join(",", results.Select(r => r!.ToJsonString())));
    }

    [Theory]
    [InlineData("spec")]
    [InlineData(".spec[")]
    [InlineData(".spec..x")]
    [InlineData(".spec[?(type==\"x\")]")]
    public void Parse_RejectsUnsupportedPaths(string path)
    {
        Assert.Throws<FormatException>(() => SimpleJsonPath.Parse(path));
    }
}
