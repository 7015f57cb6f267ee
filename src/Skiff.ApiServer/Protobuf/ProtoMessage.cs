namespace Skiff.ApiServer.Protobuf;

/// <summary>A message of the schema: its fields in Go struct order, which is also the JSON key order.</summary>
internal sealed class ProtoMessage(string fullName, bool isList, IReadOnlyList<ProtoField> fields)
{
    /// <summary>"alias.Name", e.g. "core.PodSpec" or "meta.Time".</summary>
    public string FullName { get; } = fullName;

    /// <summary>A Go slice type carried as a message with repeated items = 1 (e.g. ExtraValue).</summary>
    public bool IsList { get; } = isList;

    public IReadOnlyList<ProtoField> Fields { get; } = fields;
}
