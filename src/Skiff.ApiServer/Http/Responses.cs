using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Http;

/// <summary>Writes objects and Status failures in the representation the client asked for (JSON or YAML).</summary>
public static class Responses
{
    public static async Task WriteAsync(HttpContext context, int code, JsonNode body, bool yaml = false)
    {
        var response = context.Response;
        response.StatusCode = code;
        if (yaml)
        {
            response.ContentType = "application/yaml";
            await response.WriteAsync(YamlJson.FromJson(body), Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(response.BodyWriter, Registry.Json.WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            body.WriteTo(writer);
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends a stored object's JSON with its revision as metadata.resourceVersion, the bytes <see cref="WriteAsync"/>
    /// would encode; false, with nothing sent, when the bytes are not in the server's stored shape.
    /// </summary>
    public static bool TryWriteStored(HttpContext context, int code, byte[] stored, long revision)
    {
        var response = context.Response;
        response.StatusCode = code;
        response.ContentType = "application/json";

        // Left in the body's buffer, as the JSON writer leaves what it encodes, for the end of the request to send.
        return Watch.StoredJson.TryWriteWithResourceVersion(stored, revision, response.BodyWriter);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        foreach (var warning in error.Warnings)
        {
            AddWarning(context.Response, warning);
        }

        return WriteAsync(context, error.Code, error.ToStatus());
    }

    /// <summary>Upstream's Warning header form: <c>299 - "text"</c>.</summary>
    public static void AddWarning(HttpResponse response, string text) =>
        response.Headers.Append("Warning", $"299 - \"{text.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");

    public static JsonObject Success(string? name, string group, string resource, string? uid) =>
        new()
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = new StatusDetails(name, group.Length == 0 ? null : group, resource, uid).ToJson(),
        };
}
