using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Skiff.Api.Catalog;

namespace Skiff.ApiServer.OpenApi;

/// <summary>
/// The OpenAPI documents of what the catalog serves, built on first request and kept until the catalog changes
/// (a CRD added or removed); then the next request builds them again. v2 and v3 are built independently, since
/// a kubectl usually reads only one of them.
/// </summary>
internal sealed class OpenApiDocuments
{
    public const string ProtobufV2Type = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private const string Title = "Kubernetes";

    private readonly ResourceCatalog _catalog;
    private readonly Func<ModelDocs> _docs;
    private Snapshot _current;

    public OpenApiDocuments(ResourceCatalog catalog, Func<ModelDocs> docs)
    {
        _catalog = catalog;
        _docs = docs;
        _current = new Snapshot(catalog, docs);
        catalog.Changed += () => Volatile.Write(ref _current, new Snapshot(_catalog, _docs));
    }

    internal ServedDocument V3Index => Current.V3.Value.Index;

    internal ServedDocument V2Json => Current.V2.Value.Json;

    internal ServedDocument V2Protobuf => Current.V2.Value.Protobuf;

    private Snapshot Current => Volatile.Read(ref _current);

    /// <summary>The v3 document of one group-version path ("api/v1", "apis/apps/v1"), or null when none is served there.</summary>
    internal ServedDocument? V3(string groupVersionPath) => Current.V3.Value.Documents.GetValueOrDefault(groupVersionPath);

    /// <summary>The v2 document as JSON, for tests and tools.</summary>
    internal static JsonObject BuildV2(ResourceCatalog catalog, ModelDocs docs)
    {
        var schemas = new SchemaGenerator(docs, SwaggerV2Dialect.Instance, ServedKinds(catalog));
        var paths = new JsonObject();
        var builder = new PathsBuilder(schemas);
        foreach (var resource in catalog.All)
        {
            builder.Add(paths, resource);
        }

        return SwaggerV2Dialect.Instance.Document(Title, paths, schemas.Definitions());
    }

    /// <summary>The v3 documents by group-version path.</summary>
    internal static IReadOnlyDictionary<string, JsonObject> BuildV3(ResourceCatalog catalog, ModelDocs docs)
    {
        var servedKinds = ServedKinds(catalog);
        var result = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var group in catalog.All.GroupBy(r => (r.Group, r.Version)))
        {
            var schemas = new SchemaGenerator(docs, OpenApiV3Dialect.Instance, servedKinds);
            var paths = new JsonObject();
            var builder = new PathsBuilder(schemas);
            foreach (var resource in group)
            {
                builder.Add(paths, resource);
            }

            var key = group.Key.Group.Length == 0 ? $"api/{group.Key.Version}" : $"apis/{group.Key.Group}/{group.Key.Version}";
            result[key] = OpenApiV3Dialect.Instance.Document(Title, paths, schemas.Definitions());
        }

        return result;
    }

    private static FrozenDictionary<Type, IReadOnlyList<GroupVersionKind>> ServedKinds(ResourceCatalog catalog) =>
        catalog.All.Where(r => r.ModelType is not null)
            .GroupBy(r => r.ModelType!)
            .ToFrozenDictionary(
                g => g.Key,
                g => (IReadOnlyList<GroupVersionKind>)g.Select(r => new GroupVersionKind(r.Group, r.Version, r.Kind)).Distinct().ToList());

    private static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node);

    private sealed class Snapshot
    {
        public Snapshot(ResourceCatalog catalog, Func<ModelDocs> docs)
        {
            // Both v2 forms come from one tree, built once and dropped, so only the serialized bytes stay in memory.
            V2 = new Lazy<(ServedDocument Json, ServedDocument Protobuf)>(() =>
            {
                var v2 = BuildV2(catalog, docs());
                return (ServedDocument.Of(Serialize(v2), "application/json"),
                    ServedDocument.Of(SwaggerProtoConverter.Convert(v2).ToByteArray(), ProtobufV2Type));
            });
            V3 = new Lazy<V3Set>(() => V3Set.Build(BuildV3(catalog, docs())));
        }

        public Lazy<(ServedDocument Json, ServedDocument Protobuf)> V2 { get; }

        public Lazy<V3Set> V3 { get; }
    }

    private sealed record V3Set(ServedDocument Index, FrozenDictionary<string, ServedDocument> Documents)
    {
        public static V3Set Build(IReadOnlyDictionary<string, JsonObject> documents)
        {
            var served = documents.ToFrozenDictionary(d => d.Key, d => ServedDocument.Of(Serialize(d.Value), "application/json"), StringComparer.Ordinal);
            var paths = new JsonObject();
            foreach (var (key, document) in served.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={document.Hash}" };
            }

            return new V3Set(ServedDocument.Of(Serialize(new JsonObject { ["paths"] = paths }), "application/json"), served);
        }
    }
}
