using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Hosting;

namespace Skiff.ApiServer.OpenApi;

/// <summary>
/// Serves /openapi/v2 (JSON or gnostic protobuf by Accept), /swagger-2.0.0.pb-v1, the /openapi/v3 index and its
/// group-version documents, with ETags so kubectl's disk cache revalidates instead of downloading again.
/// </summary>
public sealed class OpenApiHandler : INonResourceHandler
{
    private const string V3Prefix = "/openapi/v3/";

    // Older kubectl builds ask with '@' (gnostic's original spelling) but cannot parse it back as a Content-Type, so
    // upstream always answers with the dotted spelling.
    private static readonly string[] s_protobufV2Types = [OpenApiDocuments.ProtobufV2Type, "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"];

    private readonly OpenApiDocuments _documents;
    private readonly TimeProvider _time;

    public OpenApiHandler(ResourceCatalog catalog, TimeProvider time)
        : this(catalog, time, ModelDocs.Shared)
    {
    }

    internal OpenApiHandler(ResourceCatalog catalog, TimeProvider time, Func<ModelDocs> docs)
    {
        _documents = new OpenApiDocuments(catalog, docs);
        _time = time;
    }

    public Task<bool> TryHandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return Task.FromResult(false);
        }

        var path = request.Path.Value?.TrimEnd('/') ?? string.Empty;
        switch (path)
        {
            case "/openapi/v2":
                return Handled(ServeV2(context));
            case "/swagger-2.0.0.pb-v1":
                return Handled(WriteAsync(context, _documents.V2Protobuf, immutable: false));
            case "/swagger.json":
                return Handled(WriteAsync(context, _documents.V2Json, immutable: false));
            case "/openapi/v3":
                return Handled(WriteAsync(context, _documents.V3Index, immutable: false));
        }

        if (path.StartsWith(V3Prefix, StringComparison.Ordinal))
        {
            return Handled(ServeV3(context, path[V3Prefix.Length..]));
        }

        return Task.FromResult(false);
    }

    private static async Task<bool> Handled(Task serving)
    {
        await serving.ConfigureAwait(false);
        return true;
    }

    private Task ServeV2(HttpContext context)
    {
        context.Response.Headers.Vary = "Accept";
        var accept = context.Request.Headers.Accept.ToString();
        if (s_protobufV2Types.Any(t => accept.Contains(t, StringComparison.OrdinalIgnoreCase)))
        {
            return WriteAsync(context, _documents.V2Protobuf, immutable: false);
        }

        if (accept.Length == 0 || accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal))
        {
            return WriteAsync(context, _documents.V2Json, immutable: false);
        }

        context.Response.StatusCode = StatusCodes.Status406NotAcceptable;
        return Task.CompletedTask;
    }

    private Task ServeV3(HttpContext context, string groupVersionPath)
    {
        var document = _documents.V3(groupVersionPath);
        if (document is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("404 page not found\n", context.RequestAborted);
        }

        var hash = context.Request.Query["hash"].ToString();
        if (hash.Length == 0)
        {
            return WriteAsync(context, document, immutable: false);
        }

        // A stale hash (the catalog changed since the index was read) redirects to the current document, as upstream does.
        if (!string.Equals(hash, document.Hash, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = $"{V3Prefix}{groupVersionPath}?hash={document.Hash}";
            return Task.CompletedTask;
        }

        return WriteAsync(context, document, immutable: true);
    }

    private Task WriteAsync(HttpContext context, ServedDocument document, bool immutable)
    {
        var response = context.Response;
        response.Headers.ETag = document.ETag;
        if (immutable)
        {
            response.Headers.CacheControl = "public, immutable";
            response.Headers.Expires = _time.GetUtcNow().AddYears(1).ToString("R", CultureInfo.InvariantCulture);
        }
        else
        {
            response.Headers.CacheControl = "no-cache, private";
        }

        if (IfNoneMatch(context.Request, document.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = document.ContentType;
        response.ContentLength = document.Body.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(document.Body, context.RequestAborted).AsTask();
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0)
        {
            return false;
        }

        return EntityTagHeaderValue.TryParseList(header, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || string.Equals(t.Tag.Value, etag, StringComparison.Ordinal));
    }
}
