using System.Collections.Frozen;

namespace Skiff.Api.Schema;

/// <summary>The JSON fields of one KubernetesClient model type, with upstream's patch and apply facts.</summary>
public sealed class ModelSchema
{
    private readonly FrozenDictionary<string, FieldSchema>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    internal ModelSchema(Type modelType, string upstreamName, IEnumerable<FieldSchema> fields, MapType structType)
    {
        ModelType = modelType;
        UpstreamName = upstreamName;
        var byName = fields.ToFrozenDictionary(f => f.JsonName, StringComparer.Ordinal);
        Fields = byName;
        _bySpan = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        StructType = structType;
    }

    public Type ModelType { get; }

    /// <summary>Upstream's Go type name ("PodSpec" for <c>V1PodSpec</c>); error messages quote it.</summary>
    public string UpstreamName { get; }

    public IReadOnlyDictionary<string, FieldSchema> Fields { get; }

    /// <summary><see cref="MapType.Atomic"/> for types upstream marks <c>+structType=atomic</c> (LabelSelector, ...).</summary>
    public MapType StructType { get; }

    public FieldSchema? Field(string jsonName) => Fields.GetValueOrDefault(jsonName);

    /// <summary>The field by a name read from JSON, without making a string of it.</summary>
    public FieldSchema? Field(ReadOnlySpan<char> jsonName) => _bySpan.TryGetValue(jsonName, out var field) ? field : null;
}
