using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using Skiff.Api.Schema;

namespace Skiff.ApiServer.OpenApi;

/// <summary>
/// Builds the named schemas one document needs, on demand, by reflecting over KubernetesClient model types: JSON
/// names from <c>[JsonPropertyName]</c>, shapes from the CLR types, descriptions from the XML docs, and upstream's
/// patch and list facts from <see cref="PatchMetadata"/>.
/// </summary>
internal sealed class SchemaGenerator
{
    private readonly ModelDocs _docs;
    private readonly OpenApiDialect _dialect;
    private readonly IReadOnlyDictionary<Type, IReadOnlyList<GroupVersionKind>> _servedKinds;
    private readonly SortedDictionary<string, JsonObject> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _names = [];

    public SchemaGenerator(ModelDocs docs, OpenApiDialect dialect, IReadOnlyDictionary<Type, IReadOnlyList<GroupVersionKind>> servedKinds)
    {
        _docs = docs;
        _dialect = dialect;
        _servedKinds = servedKinds;
    }

    public OpenApiDialect Dialect => _dialect;

    /// <summary>The definitions built so far, sorted by name as upstream lists them.</summary>
    public JsonObject Definitions()
    {
        var result = new JsonObject();
        foreach (var (name, schema) in _definitions)
        {
            result[name] = schema.DeepClone();
        }

        return result;
    }

    /// <summary>A reference to the schema of a model type, defining it (and everything it uses) first.</summary>
    public JsonObject Reference(Type modelType, string? description = null) => _dialect.Reference(Define(modelType), description);

    public string Define(Type modelType)
    {
        if (_names.TryGetValue(modelType, out var known))
        {
            return known;
        }

        var name = DefinitionNames.Of(modelType);
        _names[modelType] = name;
        _definitions[name] = modelType == typeof(IntOrString) ? Described(_dialect.IntOrString(), _docs.OfType(modelType))
            : modelType == typeof(ResourceQuantity) ? Described(_dialect.Quantity(), _docs.OfType(modelType))
            : ObjectSchema(modelType);
        return name;
    }

    /// <summary>
    /// A custom resource without a model: any object goes, as upstream serves a CRD version without a structural schema.
    /// </summary>
    public JsonObject CustomReference(string group, string version, string kind)
    {
        var name = DefinitionNames.ForCustomResource(group, version, kind);
        if (!_definitions.ContainsKey(name))
        {
            _definitions[name] = new JsonObject
            {
                ["type"] = "object",
                ["x-kubernetes-group-version-kind"] = new JsonArray(new GroupVersionKind(group, version, kind).ToJson()),
                ["x-kubernetes-preserve-unknown-fields"] = true,
            };
        }

        return _dialect.Reference(name, null);
    }

    private JsonObject ObjectSchema(Type modelType)
    {
        var schema = Described(new JsonObject(), _docs.OfType(modelType));
        schema["type"] = "object";
        var required = RequiredProperties(modelType);
        var properties = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var requiredNames = new List<string>();
        foreach (var property in modelType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (jsonName is null)
            {
                continue;
            }

            var field = ValueSchema(property.PropertyType, _docs.OfProperty(modelType, property.Name));
            AddFacts(field, PatchMetadata.FactsOf(modelType, jsonName));
            properties[jsonName] = field;
            if (required.Contains(property.Name))
            {
                requiredNames.Add(jsonName);
            }
        }

        if (requiredNames.Count > 0)
        {
            requiredNames.Sort(StringComparer.Ordinal);
            schema["required"] = new JsonArray([.. requiredNames.Select(n => JsonValue.Create(n))]);
        }

        var rendered = new JsonObject();
        foreach (var (name, field) in properties)
        {
            rendered[name] = field;
        }

        schema["properties"] = rendered;
        var kinds = KindsOf(modelType);
        if (kinds.Count > 0)
        {
            schema["x-kubernetes-group-version-kind"] = new JsonArray([.. kinds.Select(k => (JsonNode)k.ToJson())]);
        }

        if (PatchMetadata.For(modelType)?.StructType == MapType.Atomic)
        {
            schema["x-kubernetes-map-type"] = "atomic";
        }

        return schema;
    }

    private JsonObject ValueSchema(Type type, string? description)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalar(type) is { } scalar)
        {
            return Described(scalar, description);
        }

        if (type == typeof(IntOrString) || type == typeof(ResourceQuantity))
        {
            return Reference(type, description);
        }

        if (type == typeof(object))
        {
            // runtime.RawExtension and JSON values: anything goes.
            return Described(new JsonObject(), description);
        }

        if (type.IsGenericType && type.GetGenericArguments() is { Length: 2 } pair && pair[0] == typeof(string))
        {
            return Described(new JsonObject { ["type"] = "object", ["additionalProperties"] = ValueSchema(pair[1], null) }, description);
        }

        if (ItemType(type) is { } item)
        {
            return Described(new JsonObject { ["type"] = "array", ["items"] = ValueSchema(item, null) }, description);
        }

        return PatchMetadata.For(type) is not null ? Reference(type, description) : Described(new JsonObject(), description);
    }

    private static JsonObject? Scalar(Type type)
    {
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(short))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }

        if (type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new JsonObject { ["type"] = "number", ["format"] = "double" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type == typeof(byte[]))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "byte" };
        }

        return null;
    }

    private static Type? ItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && type.GetGenericArguments() is { Length: 1 } args
            && typeof(IEnumerable<>).MakeGenericType(args[0]).IsAssignableFrom(type)
            ? args[0]
            : null;
    }

    private static JsonObject Described(JsonObject schema, string? description)
    {
        if (description is not null)
        {
            schema["description"] = description;
        }

        return schema;
    }

    private static void AddFacts(JsonObject field, FieldFacts facts)
    {
        if (facts.MergeKey is { } key)
        {
            field["x-kubernetes-patch-merge-key"] = key;
        }

        if (StrategyText(facts.Strategy) is { } strategy)
        {
            field["x-kubernetes-patch-strategy"] = strategy;
        }

        if (facts.ListType != ListType.Unspecified)
        {
            field["x-kubernetes-list-type"] = facts.ListType.ToString().ToLowerInvariant();
        }

        if (facts.ListMapKeys.Count > 0)
        {
            field["x-kubernetes-list-map-keys"] = new JsonArray([.. facts.ListMapKeys.Select(k => JsonValue.Create(k))]);
        }

        if (facts.MapType != MapType.Unspecified)
        {
            field["x-kubernetes-map-type"] = facts.MapType.ToString().ToLowerInvariant();
        }
    }

    // Upstream spells combined strategies "merge,retainKeys" (PodSpec.volumes).
    private static string? StrategyText(PatchStrategy strategy)
    {
        var parts = new List<string>();
        if (strategy.HasFlag(PatchStrategy.Merge))
        {
            parts.Add("merge");
        }

        if (strategy.HasFlag(PatchStrategy.RetainKeys))
        {
            parts.Add("retainKeys");
        }

        if (strategy.HasFlag(PatchStrategy.Replace))
        {
            parts.Add("replace");
        }

        return parts.Count == 0 ? null : string.Join(',', parts);
    }

    private IReadOnlyList<GroupVersionKind> KindsOf(Type modelType)
    {
        var kinds = new List<GroupVersionKind>();
        if (modelType.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind: { Length: > 0 } kind } entity)
        {
            kinds.Add(new GroupVersionKind(entity.Group ?? string.Empty, entity.ApiVersion ?? "v1", kind));
        }

        if (_servedKinds.TryGetValue(modelType, out var served))
        {
            kinds.AddRange(served.Where(k => !kinds.Contains(k)));
        }

        return kinds;
    }

    // The client's models carry no required markers, but it generates required numbers and booleans as plain value types.
    private static HashSet<string> RequiredProperties(Type modelType) =>
        modelType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsValueType && Nullable.GetUnderlyingType(p.PropertyType) is null)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
}
