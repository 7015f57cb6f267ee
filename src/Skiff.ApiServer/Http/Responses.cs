using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Watch;

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
    /// Writes an object from the bytes the store holds for it, with its revision spliced in as metadata.resourceVersion;
    /// bytes not in the server's stored shape fall back to <paramref name="encode"/>.
    /// </summary>
    public static async Task WriteStoredJsonAsync(HttpContext context, int code, byte[] stored, long revision, Func<Task> encode)
    {
        var response = context.Response;
        response.StatusCode = code;
        response.ContentType = "application/json";
        if (!StoredJson.TryWriteWithResourceVersion(stored, revision, response.BodyWriter))
        {
            await encode().ConfigureAwait(false);
            return;
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
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
