using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Skiff.ApiServer.CustomResources.Schema;

/// <summary>
/// One node of a CRD version's openAPIV3Schema, read once from the CRD's JSON so that validating,
/// pruning and defaulting a custom object never re-parse the schema.
/// </summary>
internal sealed class StructuralSchema
{
    public string Type { get; private init; } = string.Empty;

    public string Format { get; private init; } = string.Empty;

    public bool Nullable { get; private init; }

    public JsonNode? Default { get; private init; }

    /// <summary>Declared properties in schema order (defaults apply in this order).</summary>
    public IReadOnlyList<KeyValuePair<string, StructuralSchema>> Properties { get; private init; } = [];

    public StructuralSchema? Items { get; private init; }

    /// <summary>The schema of every value of a map (additionalProperties with a schema).</summary>
    public StructuralSchema? AdditionalProperties { get; private init; }

    /// <summary>additionalProperties: true, which keeps unknown keys without a schema.</summary>
    public bool AdditionalPropertiesAllowed { get; private init; }

    public IReadOnlyList<string> Required { get; private init; } = [];

    public JsonArray? Enum { get; private init; }

    public string? Pattern { get; private init; }

    public Regex? PatternRegex { get; private init; }

    public double? Minimum { get; private init; }

    public double? Maximum { get; private init; }

    public bool ExclusiveMinimum { get; private init; }

    public bool ExclusiveMaximum { get; private init; }

    public double? MultipleOf { get; private init; }

    public long? MinLength { get; private init; }

    public long? MaxLength { get; private init; }

    public long? MinItems { get; private init; }

    public long? MaxItems { get; private init; }

    public long? MinProperties { get; private init; }

    public long? MaxProperties { get; private init; }

    public bool IntOrString { get; private init; }

    public bool PreserveUnknownFields { get; private init; }

    public bool EmbeddedResource { get; private init; }

    public IReadOnlyList<StructuralSchema> AllOf { get; private init; } = [];

    public IReadOnlyList<StructuralSchema> AnyOf { get; private init; } = [];

    public IReadOnlyList<StructuralSchema> OneOf { get; private init; } = [];

    public StructuralSchema? Not { get; private init; }

    public StructuralSchema? Property(string name)
    {
        foreach (var (key, value) in Properties)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Reads a JSONSchemaProps object; unknown or malformed keywords are ignored (CRD validation reports them).</summary>
    public static StructuralSchema Parse(JsonObject json)
    {
        var properties = new List<KeyValuePair<string, StructuralSchema>>();
        if (json["properties"] is JsonObject props)
        {
            foreach (var (name, value) in props)
            {
                if (value is JsonObject child)
                {
                    properties.Add(new(name, Parse(child)));
                }
            }
        }

        var pattern = Str(json, "pattern");
        return new StructuralSchema
        {
            Type = Str(json, "type") ?? string.Empty,
            Format = Str(json, "format") ?? string.Empty,
            Nullable = Bool(json, "nullable"),
            Default = json["default"]?.DeepClone(),
            Properties = properties,
            Items = json["items"] is JsonObject items ? Parse(items) : null,
            AdditionalProperties = json["additionalProperties"] is JsonObject ap ? Parse(ap) : null,
            AdditionalPropertiesAllowed = json["additionalProperties"] is JsonValue apv && apv.TryGetValue<bool>(out var allowed) && allowed,
            Required = json["required"] is JsonArray req ? req.Select(r => r is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() : [],
            Enum = json["enum"] is JsonArray e ? (JsonArray)e.DeepClone() : null,
            Pattern = pattern,
            PatternRegex = pattern is null ? null : TryRegex(pattern),
            Minimum = Number(json, "minimum"),
            Maximum = Number(json, "maximum"),
            ExclusiveMinimum = Bool(json, "exclusiveMinimum"),
            ExclusiveMaximum = Bool(json, "exclusiveMaximum"),
            MultipleOf = Number(json, "multipleOf"),
            MinLength = Integer(json, "minLength"),
            MaxLength = Integer(json, "maxLength"),
            MinItems = Integer(json, "minItems"),
            MaxItems = Integer(json, "maxItems"),
            MinProperties = Integer(json, "minProperties"),
            MaxProperties = Integer(json, "maxProperties"),
            IntOrString = Bool(json, "x-kubernetes-int-or-string"),
            PreserveUnknownFields = Bool(json, "x-kubernetes-preserve-unknown-fields"),
            EmbeddedResource = Bool(json, "x-kubernetes-embedded-resource"),
            AllOf = List(json, "allOf"),
            AnyOf = List(json, "anyOf"),
            OneOf = List(json, "oneOf"),
            Not = json["not"] is JsonObject not ? Parse(not) : null,
        };
    }

    private static IReadOnlyList<StructuralSchema> List(JsonObject json, string key) =>
        json[key] is JsonArray array ? array.OfType<JsonObject>().Select(Parse).ToList() : [];

    private static string? Str(JsonObject json, string key) =>
        json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Bool(JsonObject json, string key) =>
        json[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static double? Number(JsonObject json, string key) =>
        json[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static long? Integer(JsonObject json, string key) =>
        json[key] is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    // Upstream compiles patterns with Go's RE2; .NET's engine accepts a superset, so valid schemas work.
    private static Regex? TryRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
