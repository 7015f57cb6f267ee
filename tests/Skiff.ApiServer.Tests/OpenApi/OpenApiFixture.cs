using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.OpenApi;

namespace Skiff.ApiServer.Tests.OpenApi;

/// <summary>Documents for the built-in catalog, built once for the whole test class (they take a moment).</summary>
public sealed class OpenApiFixture
{
    private readonly Lazy<IReadOnlyDictionary<string, JsonObject>> _v3;
    private readonly Lazy<JsonObject> _v2;

    public OpenApiFixture()
    {
        _v3 = new(() => OpenApiDocuments.BuildV3(Catalog, ModelDocs.Shared()));
        _v2 = new(() => OpenApiDocuments.BuildV2(Catalog, ModelDocs.Shared()));
    }

    public ResourceCatalog Catalog { get; } = ResourceCatalog.CreateBuiltIn();

    internal IReadOnlyDictionary<string, JsonObject> V3 => _v3.Value;

    internal JsonObject V2 => _v2.Value;
}
