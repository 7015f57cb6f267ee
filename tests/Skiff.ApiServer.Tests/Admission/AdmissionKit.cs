using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Admission;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Tests.Admission;

/// <summary>Runs the built-in admission plugins on JSON written with single quotes, for readable tables.</summary>
internal static class AdmissionKit
{
    public static readonly ResourceCatalog Catalog = ResourceCatalog.CreateBuiltIn();

    public static ResourceInfo Resource(string groupVersionResource)
    {
        var parts = groupVersionResource.Split('/');
        return parts.Length == 2
            ? Catalog.Find(string.Empty, parts[0], parts[1])!
            : Catalog.Find(parts[0], parts[1], parts[2])!;
    }

    public static JsonObject Parse(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!.AsObject();

    public static JsonObject Defaulted(string resource, string input)
    {
        var obj = Parse(input);
        foreach (var plugin in BuiltInAdmission.All())
        {
            plugin.Default(Resource(resource), obj, string.Empty);
        }

        return obj;
    }

    /// <summary>The causes of admitting <paramref name="input"/> (after defaulting), one "field: message" line each.</summary>
    public static string Causes(string resource, string input, string? old = null)
    {
        var chain = new AdmissionChain(BuiltInAdmission.All());
        var oldObj = old is null ? null : Defaulted(resource, old);
        try
        {
            chain.Admit(Resource(resource), Parse(input), oldObj);
            return string.Empty;
        }
        catch (ApiException e)
        {
            Assert.Equal(422, e.Code);
            return string.Join("\n", e.Details!.Causes.Select(c => $"{c.Reason} {c.Field}: {c.Message}"));
        }
    }

    public static void AssertJsonEqual(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\n  actual {actual.ToJsonString()}");
}
