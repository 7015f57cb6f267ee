using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.Api.Schema;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Handlers;
using Skiff.ApiServer.Http;

namespace Skiff.ApiServer.Admission;

/// <summary>
/// The fieldValidation query parameter: fields a built-in kind does not have are refused (Strict), reported
/// in Warning headers (Warn, upstream's default) or dropped silently (Ignore). kubectl sends Strict. Like
/// upstream, whose typed decoding cannot hold them, unknown fields are never stored.
/// </summary>
public static class FieldValidation
{
    private static readonly HashSet<string> TypeMetaFields = ["apiVersion", "kind"];

    public static void Check(ApiRequest request, JsonObject obj)
    {
        var mode = request.QueryValue("fieldValidation") ?? "Warn";
        if (mode is not ("Strict" or "Warn" or "Ignore"))
        {
            throw ApiErrors.BadRequest($"fieldValidation parameter unsupported: {mode}");
        }

        if (mode == "Ignore" || request.Resource.ModelType is null || PatchMetadata.For(request.Resource.ModelType) is not { } schema)
        {
            return;
        }

        var unknown = new List<UnknownField>();
        Walk(obj, schema, string.Empty, unknown, topLevel: true);
        if (unknown.Count == 0)
        {
            return;
        }

        if (mode != "Strict")
        {
            foreach (var field in unknown)
            {
                field.Parent.Remove(field.Name);
                if (mode == "Warn")
                {
                    Responses.AddWarning(request.Http.Response, $"unknown field \"{field.Path}\"");
                }
            }

            return;
        }

        var kind = request.Resource.Kind;
        var list = string.Join(", ", unknown.Select(f => $"unknown field \"{f.Path}\""));
        throw ApiErrors.BadRequest($"{kind} in version \"{request.Resource.Version}\" cannot be handled as a {kind}: strict decoding error: {list}");
    }

    /// <summary>The paths, as upstream spells them, of every field the schema does not know.</summary>
    public static IReadOnlyList<string> UnknownFields(JsonObject obj, ResourceInfo resource)
    {
        var unknown = new List<UnknownField>();
        if (resource.ModelType is not null && PatchMetadata.For(resource.ModelType) is { } schema)
        {
            Walk(obj, schema, string.Empty, unknown, topLevel: true);
        }

        return unknown.Select(f => f.Path).ToList();
    }

    private static void Walk(JsonObject obj, ModelSchema schema, string path, List<UnknownField> unknown, bool topLevel)
    {
        foreach (var (name, value) in obj)
        {
            var here = path.Length == 0 ? name : $"{path}.{name}";
            if (topLevel && TypeMetaFields.Contains(name))
            {
                continue;
            }

            var field = schema.Field(name);
            if (field is null)
            {
                unknown.Add(new UnknownField(obj, name, here));
                continue;
            }

            var inner = field.ItemSchema;
            if (inner is null || value is null)
            {
                continue;
            }

            switch (field.Kind)
            {
                case FieldKind.Object when value is JsonObject child:
                    Walk(child, inner, here, unknown, topLevel: false);
                    break;
                case FieldKind.List when value is JsonArray items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is JsonObject item)
                        {
                            Walk(item, inner, $"{here}[{i}]", unknown, topLevel: false);
                        }
                    }

                    break;
                case FieldKind.Map when value is JsonObject map:
                    foreach (var (key, entry) in map)
                    {
                        if (entry is JsonObject e)
                        {
                            Walk(e, inner, $"{here}[{key}]", unknown, topLevel: false);
                        }
                    }

                    break;
            }
        }
    }

    private sealed record UnknownField(JsonObject Parent, string Name, string Path);
}
