using System.Text.Json.Nodes;

namespace Skiff.ApiServer.OpenApi;

/// <summary>
/// Where Swagger 2.0 and OpenAPI 3.0 differ in the documents we write: how a schema is referenced, how parameters,
/// request bodies and responses are spelled, and the shape of the two scalars upstream gives custom formats.
/// </summary>
internal abstract class OpenApiDialect
{
    public static readonly IReadOnlyList<string> ResponseTypes =
        ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];

    /// <summary>A reference to a named schema, with the referring field's description.</summary>
    public abstract JsonObject Reference(string definition, string? description);

    /// <summary>The definition of io.k8s.apimachinery.pkg.util.intstr.IntOrString.</summary>
    public abstract JsonObject IntOrString();

    /// <summary>The definition of io.k8s.apimachinery.pkg.api.resource.Quantity.</summary>
    public abstract JsonObject Quantity();

    public abstract JsonObject Parameter(OpenApiParameter parameter);

    public abstract void SetBody(JsonObject operation, IReadOnlyList<string> contentTypes, JsonObject schema);

    public abstract void SetResponses(JsonObject operation, IReadOnlyList<(int Code, string Description)> codes, Func<JsonObject> schema);

    /// <summary>Wraps paths and schemas into the document.</summary>
    public abstract JsonObject Document(string title, JsonObject paths, JsonObject schemas);
}
