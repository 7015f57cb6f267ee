using System.Text;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Handlers.Patch;

namespace Skiff.ApiServer.Tests.Handlers.Patch;

/// <summary>Test tables write JSON with single quotes; this turns them into real JSON and runs the dispatcher.</summary>
internal static class PatchTestJson
{
    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static JsonObject Object(string singleQuoted) => JsonNode.Parse(Json(singleQuoted))!.AsObject();

    public static string Compact(string singleQuoted) => JsonNode.Parse(Json(singleQuoted))!.ToJsonString();

    public static string Patched(string contentType, string current, string patch, Type? model) =>
        PatchDispatcher.Apply(contentType, Object(current), Encoding.UTF8.GetBytes(Json(patch)), model).ToJsonString();

    public static PatchException Fail(string contentType, string current, string patch, Type? model) =>
        Assert.Throws<PatchException>(() => Patched(contentType, current, patch, model));
}
