using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;

namespace Skiff.ApiServer.Discovery;

/// <summary>Serves /api, /apis and their group and group-version documents, aggregated when asked.</summary>
public sealed class DiscoveryHandler
{
    private readonly DiscoveryDocuments _documents;

    public DiscoveryHandler(DiscoveryDocuments documents)
    {
        _documents = documents;
    }

    /// <summary>Returns false when the path is not a discovery path.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var parts = context.Request.Path.Value!.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || (parts[0] != "api" && parts[0] != "apis") || parts.Length > 3 || (parts[0] == "api" && parts.Length > 2))
        {
            return false;
        }

        if (parts.Length == 1)
        {
            var aggregated = AggregatedVersion(context.Request.Headers.Accept.ToString());
            if (aggregated is not null)
            {
                var doc = _documents.Aggregated(parts[0] == "api", aggregated);
                await WriteAsync(context, doc, $"application/json;g=apidiscovery.k8s.io;v={aggregated};as=APIGroupDiscoveryList").ConfigureAwait(false);
                return true;
            }

            var legacy = parts[0] == "api" ? _documents.ApiVersions(context.Request.Host.Value ?? string.Empty) : _documents.GroupList();
            await WriteAsync(context, legacy, "application/json").ConfigureAwait(false);
            return true;
        }

        JsonObject? document = parts switch
        {
            ["api", var version] => _documents.ResourceList(string.Empty, version),
            ["apis", var group] => _documents.Group(group),
            ["apis", var group, var version] => _documents.ResourceList(group, version),
            _ => null,
        };
        if (document is null)
        {
            await Responses.WriteErrorAsync(context, ApiErrors.ResourceNotFound()).ConfigureAwait(false);
            return true;
        }

        await WriteAsync(context, document, "application/json").ConfigureAwait(false);
        return true;
    }

    /// <summary>The apidiscovery version the client accepts (v2 preferred), or null for legacy discovery.</summary>
    private static string? AggregatedVersion(string accept)
    {
        string? best = null;
        foreach (var range in accept.Split(','))
        {
            if (!range.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) || !range.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal))
            {
                continue;
            }

            if (range.Contains("v=v2;", StringComparison.Ordinal) || range.TrimEnd().EndsWith("v=v2", StringComparison.Ordinal))
            {
                return "v2";
            }

            if (range.Contains("v=v2beta1", StringComparison.Ordinal))
            {
                best = "v2beta1";
            }
        }

        return best;
    }

    private static async Task WriteAsync(HttpContext context, JsonObject doc, string contentType)
    {
        var bytes = Registry.Json.Serialize(doc);
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes)[..16]) + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public";
        context.Response.Headers.Vary = "Accept";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = 304;
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
