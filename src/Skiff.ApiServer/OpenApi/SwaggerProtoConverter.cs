using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.ApiServer.OpenApi.Proto;
using ProtoAny = Skiff.ApiServer.OpenApi.Proto.Any;

namespace Skiff.ApiServer.OpenApi;

/// <summary>
/// Turns the Swagger 2.0 JSON document into gnostic's <c>openapi.v2.Document</c>, the protobuf form kubectl asks
/// /openapi/v2 for. Gnostic keeps maps as ordered name/value lists and vendor extensions as YAML text.
/// </summary>
internal static class SwaggerProtoConverter
{
    public static Document Convert(JsonObject swagger)
    {
        var document = new Document { Swagger = Text(swagger, "swagger") ?? "2.0" };
        if (swagger["info"] is JsonObject info)
        {
            document.Info = new Info { Title = Text(info, "title") ?? string.Empty, Version = Text(info, "version") ?? string.Empty };
        }

        document.Paths = new Paths();
        foreach (var (path, item) in Entries(swagger["paths"]))
        {
            document.Paths.Path.Add(new NamedPathItem { Name = path, Value = PathItem((JsonObject)item!) });
        }

        document.Definitions = new Definitions();
        foreach (var (name, schema) in Entries(swagger["definitions"]))
        {
            document.Definitions.AdditionalProperties.Add(new NamedSchema { Name = name, Value = Schema((JsonObject)schema!) });
        }

        return document;
    }

    private static PathItem PathItem(JsonObject item)
    {
        var result = new PathItem();
        foreach (var (key, value) in item)
        {
            switch (key)
            {
                case "get": result.Get = Operation((JsonObject)value!); break;
                case "put": result.Put = Operation((JsonObject)value!); break;
                case "post": result.Post = Operation((JsonObject)value!); break;
                case "delete": result.Delete = Operation((JsonObject)value!); break;
                case "patch": result.Patch = Operation((JsonObject)value!); break;
                case "parameters": result.Parameters.AddRange(((JsonArray)value!).Select(p => Parameter((JsonObject)p!))); break;
                default:
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        result.VendorExtension.Add(Extension(key, value));
                    }

                    break;
            }
        }

        return result;
    }

    private static Operation Operation(JsonObject operation)
    {
        var result = new Operation
        {
            Description = Text(operation, "description") ?? string.Empty,
            OperationId = Text(operation, "operationId") ?? string.Empty,
        };
        result.Tags.AddRange(Strings(operation["tags"]));
        result.Consumes.AddRange(Strings(operation["consumes"]));
        result.Produces.AddRange(Strings(operation["produces"]));
        result.Schemes.AddRange(Strings(operation["schemes"]));
        if (operation["parameters"] is JsonArray parameters)
        {
            result.Parameters.AddRange(parameters.Select(p => Parameter((JsonObject)p!)));
        }

        if (operation["responses"] is JsonObject responses)
        {
            result.Responses = new Responses();
            foreach (var (code, response) in responses)
            {
                var value = new Response { Description = Text((JsonObject)response!, "description") ?? string.Empty };
                if (response!["schema"] is JsonObject schema)
                {
                    value.Schema = new SchemaItem { Schema = Schema(schema) };
                }

                result.Responses.ResponseCode.Add(new NamedResponseValue { Name = code, Value = new ResponseValue { Response = value } });
            }
        }

        result.VendorExtension.AddRange(Extensions(operation));
        return result;
    }

    private static ParametersItem Parameter(JsonObject parameter)
    {
        var name = Text(parameter, "name") ?? string.Empty;
        var @in = Text(parameter, "in") ?? string.Empty;
        var description = Text(parameter, "description") ?? string.Empty;
        var required = parameter["required"]?.GetValue<bool>() ?? false;
        var unique = parameter["uniqueItems"]?.GetValue<bool>() ?? false;
        var type = Text(parameter, "type") ?? string.Empty;
        var result = @in switch
        {
            "body" => new Parameter
            {
                BodyParameter = new BodyParameter
                {
                    Name = name, In = @in, Description = description, Required = required, Schema = Schema((JsonObject)parameter["schema"]!),
                },
            },
            "path" => new Parameter
            {
                NonBodyParameter = new NonBodyParameter
                {
                    PathParameterSubSchema = new PathParameterSubSchema
                    {
                        Name = name, In = @in, Description = description, Required = required, Type = type, UniqueItems = unique,
                    },
                },
            },
            _ => new Parameter
            {
                NonBodyParameter = new NonBodyParameter
                {
                    QueryParameterSubSchema = new QueryParameterSubSchema
                    {
                        Name = name, In = @in, Description = description, Required = required, Type = type, UniqueItems = unique,
                    },
                },
            },
        };
        return new ParametersItem { Parameter = result };
    }

    private static Schema Schema(JsonObject schema)
    {
        var result = new Schema();
        foreach (var (key, value) in schema)
        {
            switch (key)
            {
                case "$ref": result.Ref = value!.GetValue<string>(); break;
                case "format": result.Format = value!.GetValue<string>(); break;
                case "title": result.Title = value!.GetValue<string>(); break;
                case "description": result.Description = value!.GetValue<string>(); break;
                case "default": result.Default = new ProtoAny { Yaml = Yaml(value) }; break;
                case "required": result.Required.AddRange(Strings(value)); break;
                case "type": result.Type = new TypeItem { Value = { value!.GetValue<string>() } }; break;
                case "items": result.Items = new ItemsItem { Schema = { Schema((JsonObject)value!) } }; break;
                case "allOf": result.AllOf.AddRange(((JsonArray)value!).Select(s => Schema((JsonObject)s!))); break;
                case "additionalProperties":
                    result.AdditionalProperties = value is JsonObject additional
                        ? new AdditionalPropertiesItem { Schema = Schema(additional) }
                        : new AdditionalPropertiesItem { Boolean = value!.GetValue<bool>() };
                    break;
                case "properties":
                    result.Properties = new Properties();
                    foreach (var (name, property) in (JsonObject)value!)
                    {
                        result.Properties.AdditionalProperties.Add(new NamedSchema { Name = name, Value = Schema((JsonObject)property!) });
                    }

                    break;
                default:
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        result.VendorExtension.Add(Extension(key, value));
                    }

                    break;
            }
        }

        return result;
    }

    private static IEnumerable<NamedAny> Extensions(JsonObject node) =>
        node.Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal)).Select(e => Extension(e.Key, e.Value));

    private static NamedAny Extension(string name, JsonNode? value) => new() { Name = name, Value = new ProtoAny { Yaml = Yaml(value) } };

    // Gnostic carries extension values as the YAML text of the value; kubectl unmarshals it.
    private static string Yaml(JsonNode? value) =>
        value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
            ? JsonSerializer.Serialize(scalar.GetValue<string>()) + "\n"
            : Http.YamlJson.FromJson(value);

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Entries(JsonNode? node) => node as JsonObject ?? [];

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => v!.GetValue<string>()) : [];

    private static string? Text(JsonObject node, string key) => node[key] is JsonValue value ? value.GetValue<string>() : null;
}
