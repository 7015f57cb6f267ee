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

        // A subresource write keeps only part of the object (a status patch: the status), so building every node of the
        // rest just to look at its field names was most of what such a write built; its encoding tells the same.
        if (request.Info.Subresource.Length > 0 && !UnknownFieldScan.Any(obj, schema))
        {
            return;
        }

        var unknown = new List<UnknownField>();
        Walk(obj, schema, null, unknown, topLevel: true);
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
            Walk(obj, schema, null, unknown, topLevel: true);
        }

        return unknown.Select(f => f.Path).ToList();
    }

    private static void Walk(JsonObject obj, ModelSchema schema, FieldPath? path, List<UnknownField> unknown, bool topLevel)
    {
        // Paths are spelled only for unknown fields: building one for every field of every write was most of
        // what this check allocated.
        foreach (var (name, value) in obj)
        {
            if (topLevel && TypeMetaFields.Contains(name))
            {
                continue;
            }

            var field = schema.Field(name);
            if (field is null)
            {
                unknown.Add(new UnknownField(obj, name, new FieldPath(path, name, null).ToString()));
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
                    Walk(child, inner, new FieldPath(path, name, null), unknown, topLevel: false);
                    break;
                case FieldKind.List when value is JsonArray items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is JsonObject item)
                        {
                            Walk(item, inner, new FieldPath(path, name, i), unknown, topLevel: false);
                        }
                    }

                    break;
                case FieldKind.Map when value is JsonObject map:
                    foreach (var (key, entry) in map)
                    {
                        if (entry is JsonObject e)
                        {
                            Walk(e, inner, new FieldPath(path, name, key), unknown, topLevel: false);
                        }
                    }

                    break;
            }
        }
    }

    private sealed record UnknownField(JsonObject Parent, string Name, string Path);

    /// <summary>A field below <see cref="Parent"/>, with the list index or map key that follows its name.</summary>
    private sealed record FieldPath(FieldPath? Parent, string Name, object? Subscript)
    {
        public override string ToString()
        {
            var here = Subscript is null ? Name : $"{Name}[{Subscript}]";
            return Parent is null ? here : $"{Parent}.{here}";
        }
    }
}
