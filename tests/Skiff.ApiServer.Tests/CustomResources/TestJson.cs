using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.CustomResources;

/// <summary>JSON written with single quotes, so table rows stay readable.</summary>
internal static class TestJson
{
    public static JsonObject Obj(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!.AsObject();

    public static JsonNode? Node(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'));
}
