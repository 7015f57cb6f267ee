using System.Collections.Frozen;

namespace Skiff.Api.Schema;

/// <summary>The JSON fields of one KubernetesClient model type, with upstream's patch and apply facts.</summary>
public sealed class ModelSchema
{
    internal ModelSchema(Type modelType, string upstreamName, IEnumerable<FieldSchema> fields, MapType structType)
    {
        ModelType = modelType;
        UpstreamName = upstreamName;
        Fields = fields.ToFrozenDictionary(f => f.JsonName, StringComparer.Ordinal);
        StructType = structType;
    }

    public Type ModelType { get; }

    /// <summary>Upstream's Go type name ("PodSpec" for <c>V1PodSpec</c>); error messages quote it.</summary>
    public string UpstreamName { get; }

    public IReadOnlyDictionary<string, FieldSchema> Fields { get; }

    /// <summary><see cref="MapType.Atomic"/> for types upstream marks <c>+structType=atomic</c> (LabelSelector, ...).</summary>
    public MapType StructType { get; }

    public FieldSchema? Field(string jsonName) => Fields.GetValueOrDefault(jsonName);
}
