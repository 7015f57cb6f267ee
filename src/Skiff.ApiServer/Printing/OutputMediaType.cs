namespace Skiff.ApiServer.Printing;

/// <summary>The outcome of Accept negotiation for a resource endpoint.</summary>
/// <param name="TransformApiVersion">"meta.k8s.io/v1" or "meta.k8s.io/v1beta1" when <paramref name="Transform"/> is not None.</param>
internal sealed record OutputMediaType(
    OutputFormat Format,
    OutputTransform Transform = OutputTransform.None,
    string? TransformApiVersion = null,
    bool Pretty = false)
{
    public static readonly OutputMediaType Json = new(OutputFormat.Json);

    /// <summary>
    /// The Content-Type to answer with. Upstream writes the plain serializer type even for
    /// tables; clients recognise a Table by its kind.
    /// </summary>
    public string ContentType => Format == OutputFormat.Yaml ? "application/yaml" : "application/json";
}
