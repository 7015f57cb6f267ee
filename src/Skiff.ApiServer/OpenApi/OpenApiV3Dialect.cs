using System.Text.Json.Nodes;
using Skiff.ApiServer.Hosting;

namespace Skiff.ApiServer.OpenApi;

/// <summary>OpenAPI 3.0, as /openapi/v3/{group-version} serves it.</summary>
internal sealed class OpenApiV3Dialect : OpenApiDialect
{
    public static OpenApiV3Dialect Instance { get; } = new();

    // Upstream wraps a described reference in allOf, since 3.0 ignores siblings of $ref.
    public override JsonObject Reference(string definition, string? description)
    {
        var reference = new JsonObject { ["$ref"] = "#/components/schemas/" + definition };
        return description is null
            ? reference
            : new JsonObject { ["allOf"] = new JsonArray(reference), ["description"] = description };
    }

    public override JsonObject IntOrString() => new()
    {
        ["format"] = "int-or-string",
        ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
        ["x-kubernetes-int-or-string"] = true,
    };

    public override JsonObject Quantity() => new()
    {
        ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }),
    };

    public override JsonObject Parameter(OpenApiParameter parameter)
    {
        var rendered = new JsonObject
        {
            ["name"] = parameter.Name,
            ["in"] = parameter.In,
            ["description"] = parameter.Description,
        };
        if (parameter.Required)
        {
            rendered["required"] = true;
        }

        rendered["schema"] = new JsonObject { ["type"] = parameter.Type, ["uniqueItems"] = true };
        return rendered;
    }

    public override void SetBody(JsonObject operation, IReadOnlyList<string> contentTypes, JsonObject schema)
    {
        var content = new JsonObject();
        foreach (var type in contentTypes)
        {
            content[type] = new JsonObject { ["schema"] = schema.DeepClone() };
        }

        operation["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
    }

    public override void SetResponses(JsonObject operation, IReadOnlyList<(int Code, string Description)> codes, Func<JsonObject> schema)
    {
        var responses = new JsonObject();
        foreach (var (code, description) in codes)
        {
            var response = new JsonObject { ["description"] = description };
            if (code < 300)
            {
                var content = new JsonObject();
                foreach (var type in ResponseTypes)
                {
                    content[type] = new JsonObject { ["schema"] = schema() };
                }

                response["content"] = content;
            }

            responses[code.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        operation["responses"] = responses;
    }

    public override JsonObject Document(string title, JsonObject paths, JsonObject schemas) => new()
    {
        ["openapi"] = "3.0.0",
        ["info"] = new JsonObject { ["title"] = title, ["version"] = VersionInfo.GitVersion },
        ["paths"] = paths,
        ["components"] = new JsonObject { ["schemas"] = schemas },
    };
}
