using System.Text.Json.Nodes;
using Skiff.ApiServer.Hosting;

namespace Skiff.ApiServer.OpenApi;

/// <summary>Swagger 2.0, as /openapi/v2 serves it.</summary>
internal sealed class SwaggerV2Dialect : OpenApiDialect
{
    public static SwaggerV2Dialect Instance { get; } = new();

    public override JsonObject Reference(string definition, string? description)
    {
        var reference = new JsonObject { ["$ref"] = "#/definitions/" + definition };
        if (description is not null)
        {
            reference["description"] = description;
        }

        return reference;
    }

    public override JsonObject IntOrString() => new() { ["type"] = "string", ["format"] = "int-or-string" };

    public override JsonObject Quantity() => new() { ["type"] = "string" };

    public override JsonObject Parameter(OpenApiParameter parameter)
    {
        var rendered = new JsonObject
        {
            ["name"] = parameter.Name,
            ["in"] = parameter.In,
            ["description"] = parameter.Description,
            ["type"] = parameter.Type,
            ["uniqueItems"] = true,
        };
        if (parameter.Required)
        {
            rendered["required"] = true;
        }

        return rendered;
    }

    public override void SetBody(JsonObject operation, IReadOnlyList<string> contentTypes, JsonObject schema)
    {
        operation["consumes"] = new JsonArray([.. contentTypes.Select(t => JsonValue.Create(t))]);
        var parameters = operation["parameters"] as JsonArray ?? [];
        operation["parameters"] = parameters;
        parameters.Insert(0, new JsonObject { ["name"] = "body", ["in"] = "body", ["required"] = true, ["schema"] = schema });
    }

    public override void SetResponses(JsonObject operation, IReadOnlyList<(int Code, string Description)> codes, Func<JsonObject> schema)
    {
        operation["produces"] = new JsonArray([.. ResponseTypes.Select(t => JsonValue.Create(t))]);
        operation["schemes"] = new JsonArray("https");
        var responses = new JsonObject();
        foreach (var (code, description) in codes)
        {
            var response = new JsonObject { ["description"] = description };
            if (code < 300)
            {
                response["schema"] = schema();
            }

            responses[code.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        operation["responses"] = responses;
    }

    public override JsonObject Document(string title, JsonObject paths, JsonObject schemas) => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = title, ["version"] = VersionInfo.GitVersion },
        ["paths"] = paths,
        ["definitions"] = schemas,
    };
}
