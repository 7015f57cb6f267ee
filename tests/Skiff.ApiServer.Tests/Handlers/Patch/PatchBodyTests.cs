using Skiff.ApiServer.Handlers.Patch;

namespace Skiff.ApiServer.Tests.Handlers.Patch;

public sealed class PatchBodyTests
{
    private static readonly string[] s_metadataAndStatus = ["metadata", "status"];

    [Theory]
    [InlineData("""{"metadata":{"uid":"u"},"status":{"phase":"Running","conditions":[{"type":"Ready"}]}}""", true)]
    [InlineData("""{"status":null}""", true)]
    [InlineData("""{}""", true)]
    [InlineData("""{"st\u0061tus":{}}""", true)]
    [InlineData("""{"status":{},"spec":{}}""", false)]
    [InlineData("""{"$patch":"replace","status":{}}""", false)]
    [InlineData("""{"$setElementOrder/conditions":[],"status":{}}""", false)]
    [InlineData("""[{"op":"add","path":"/status/phase","value":"Running"}]""", false)]
    [InlineData("""null""", false)]
    [InlineData("""{"status":{}""", false)]
    [InlineData("""{"status":{}} {"spec":{}}""", false)]
    public void HasOnlyMembers_IsTrueOnlyForAnObjectNamingNothingElse(string body, bool expected) =>
        Assert.Equal(expected, PatchBody.HasOnlyMembers(System.Text.Encoding.UTF8.GetBytes(body), s_metadataAndStatus));
}
