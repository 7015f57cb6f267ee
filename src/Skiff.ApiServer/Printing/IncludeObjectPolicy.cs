namespace Skiff.ApiServer.Printing;

/// <summary>What each table row carries in its "object" field (the includeObject query parameter).</summary>
internal enum IncludeObjectPolicy
{
    /// <summary>A PartialObjectMetadata with the object's metadata; upstream's default.</summary>
    Metadata,

    /// <summary>No object: <c>"object":null</c>.</summary>
    None,

    /// <summary>The whole object.</summary>
    Object,
}
