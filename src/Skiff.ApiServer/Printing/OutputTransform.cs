namespace Skiff.ApiServer.Printing;

/// <summary>The conversion an Accept header's as=/g=/v= parameters ask for.</summary>
internal enum OutputTransform
{
    /// <summary>The resource itself.</summary>
    None,

    Table,

    PartialObjectMetadata,

    PartialObjectMetadataList,
}
