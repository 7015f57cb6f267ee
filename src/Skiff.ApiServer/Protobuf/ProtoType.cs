namespace Skiff.ApiServer.Protobuf;

/// <summary>The element type of a field: a scalar kind by name ("string", "int32", ...) or a message.</summary>
internal sealed class ProtoType
{
    private ProtoType(string? scalar, string? messageName)
    {
        Scalar = scalar;
        MessageName = messageName;
    }

    /// <summary>The scalar kind, or null for a message type.</summary>
    public string? Scalar { get; }

    /// <summary>The message's full name ("alias.Name"), or null for a scalar.</summary>
    public string? MessageName { get; }

    /// <summary>The resolved message, set once the whole schema is loaded.</summary>
    public ProtoMessage? Message { get; set; }

    public static readonly IReadOnlySet<string> Scalars = new HashSet<string>(StringComparer.Ordinal)
    {
        "string", "bytes", "bool", "int32", "int64", "uint32", "uint64", "double", "float",
    };

    public static ProtoType OfScalar(string scalar) => new(scalar, null);

    public static ProtoType OfMessage(string fullName) => new(null, fullName);
}
