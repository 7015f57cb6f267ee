using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Skiff.Api.Catalog;
using Skiff.ApiServer.OpenApi;
using Skiff.ApiServer.OpenApi.Proto;

namespace Skiff.ApiServer.Tests.OpenApi;

public sealed class OpenApiHandlerTests
{
    private const string ProtobufV2 = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private readonly ResourceCatalog _catalog = new(ResourceCatalog.CreateBuiltIn().All
        .Where(r => r.Resource is "pods" or "namespaces" or "deployments"));

    private readonly OpenApiHandler _handler;

    public OpenApiHandlerTests()
    {
        // Descriptions are not under test here; skipping them keeps each test from reading the client's XML docs.
        _handler = new OpenApiHandler(_catalog, TimeProvider.System, () => ModelDocs.Empty);
    }

    [Fact]
    public async Task V3Index_ListsEachGroupVersionWithItsHash()
    {
        var response = await GetAsync("/openapi/v3");

        Assert.Equal(200, response.Code);
        Assert.Equal("no-cache, private", response.Headers.CacheControl.ToString());
        var paths = JsonNode.Parse(response.Body)!["paths"]!.AsObject();
        Assert.Equal(["api/v1", "apis/apps/v1"], paths.Select(p => p.Key));
        Assert.Matches("^/openapi/v3/apis/apps/v1\\?hash=[0-9A-F]{128}$", (string?)paths["apis/apps/v1"]!["serverRelativeURL"]);
    }

    [Fact]
    public async Task V3Document_WithCurrentHash_IsImmutable()
    {
        var url = await ServerRelativeUrlAsync("apis/apps/v1");

        var response = await GetAsync(url);

        Assert.Equal(200, response.Code);
        Assert.Equal("public, immutable", response.Headers.CacheControl.ToString());
        Assert.Equal("application/json", response.Headers.ContentType.ToString());
        Assert.Equal($"\"{url[(url.IndexOf('=', StringComparison.Ordinal) + 1)..]}\"", response.Headers.ETag.ToString());
        Assert.NotNull(JsonNode.Parse(response.Body)!["components"]!["schemas"]!["io.k8s.api.apps.v1.Deployment"]);
    }

    [Fact]
    public async Task V3Document_WithStaleHash_RedirectsToCurrent()
    {
        var current = await ServerRelativeUrlAsync("api/v1");

        var response = await GetAsync("/openapi/v3/api/v1?hash=0123");

        Assert.Equal(301, response.Code);
        Assert.Equal(current, response.Headers.Location.ToString());
    }

    [Fact]
    public async Task V3Document_MatchingIfNoneMatch_AnswersNotModified()
    {
        var first = await GetAsync("/openapi/v3/api/v1");

        var second = await GetAsync("/openapi/v3/api/v1", ifNoneMatch: first.Headers.ETag.ToString());

        Assert.Equal(200, first.Code);
        Assert.Equal(304, second.Code);
        Assert.Empty(second.Body);
    }

    [Fact]
    public async Task V3Document_UnknownGroupVersion_IsNotFound()
    {
        var response = await GetAsync("/openapi/v3/apis/nope.example.com/v1");

        Assert.Equal(404, response.Code);
    }

    [Fact]
    public async Task V2_AcceptingProtobuf_ServesParsableGnosticDocument()
    {
        var response = await GetAsync("/openapi/v2", accept: ProtobufV2);

        Assert.Equal(200, response.Code);
        Assert.Equal(ProtobufV2, response.Headers.ContentType.ToString());
        Assert.Equal("Accept", response.Headers.Vary.ToString());
        var document = Document.Parser.ParseFrom(response.Body);
        Assert.Contains(document.Definitions.AdditionalProperties, d => d.Name == "io.k8s.api.apps.v1.Deployment");
    }

    [Fact]
    public async Task V2_AcceptingOldProtobufSpelling_AnswersWithParsableContentType()
    {
        var response = await GetAsync("/openapi/v2", accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");

        Assert.Equal(200, response.Code);
        Assert.Equal(ProtobufV2, response.Headers.ContentType.ToString());
    }

    [Fact]
    public async Task V2_AcceptingJson_ServesSwaggerJson_WithItsOwnETag()
    {
        var json = await GetAsync("/openapi/v2", accept: "application/json");
        var protobuf = await GetAsync("/openapi/v2", accept: ProtobufV2);

        Assert.Equal("application/json", json.Headers.ContentType.ToString());
        Assert.Equal("2.0", (string?)JsonNode.Parse(json.Body)!["swagger"]);
        Assert.NotEqual(json.Headers.ETag.ToString(), protobuf.Headers.ETag.ToString());
        Assert.Equal(304, (await GetAsync("/openapi/v2", accept: "application/json", ifNoneMatch: json.Headers.ETag.ToString())).Code);
    }

    [Fact]
    public async Task SwaggerPb_ServesProtobuf()
    {
        var response = await GetAsync("/swagger-2.0.0.pb-v1");

        Assert.Equal(200, response.Code);
        Assert.Equal("2.0", Document.Parser.ParseFrom(response.Body).Swagger);
    }

    [Fact]
    public async Task CatalogChange_RebuildsDocuments()
    {
        var before = await GetAsync("/openapi/v3");

        _catalog.AddOrReplace(new ResourceInfo
        {
            Group = "stable.example.com", Version = "v1", Resource = "crontabs", Kind = "CronTab", SingularName = "crontab", Namespaced = true,
        });
        var after = await GetAsync("/openapi/v3");
        var url = (string)JsonNode.Parse(after.Body)!["paths"]!["apis/stable.example.com/v1"]!["serverRelativeURL"]!;
        var document = JsonNode.Parse((await GetAsync(url)).Body)!;

        Assert.NotEqual(before.Headers.ETag.ToString(), after.Headers.ETag.ToString());
        var schema = document["components"]!["schemas"]!["com.example.stable.v1.CronTab"]!;
        Assert.Equal(true, (bool?)schema["x-kubernetes-preserve-unknown-fields"]);
        Assert.NotNull(document["paths"]!["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}"]!["patch"]);
    }

    [Fact]
    public async Task OtherPaths_AreLeftToOtherHandlers()
    {
        var context = NewContext("/apis/apps/v1", "GET");

        Assert.False(await _handler.TryHandleAsync(context));
    }

    private async Task<string> ServerRelativeUrlAsync(string groupVersion)
    {
        var index = await GetAsync("/openapi/v3");
        return (string)JsonNode.Parse(index.Body)!["paths"]![groupVersion]!["serverRelativeURL"]!;
    }

    private async Task<Reply> GetAsync(string url, string? accept = null, string? ifNoneMatch = null)
    {
        var context = NewContext(url, "GET");
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }

        Assert.True(await _handler.TryHandleAsync(context));
        return new Reply(context.Response.StatusCode, context.Response.Headers, ((MemoryStream)context.Response.Body).ToArray());
    }

    private static DefaultHttpContext NewContext(string url, string method)
    {
        var context = new DefaultHttpContext();
        var query = url.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method;
        context.Request.Path = query < 0 ? url : url[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(url[query..]);
        context.Response.Body = new MemoryStream();
        return context;
    }

    private sealed record Reply(int Code, IHeaderDictionary Headers, byte[] Body);
}
