using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Skiff.Api.Catalog;

namespace Skiff.ApiServer.OpenApi;

/// <summary>
/// Adds the paths and operations of served resources to a document: collection, item, all-namespaces and
/// subresource paths, each operation tagged with <c>x-kubernetes-action</c> and <c>x-kubernetes-group-version-kind</c>.
/// </summary>
internal sealed class PathsBuilder
{
    public static readonly IReadOnlyList<string> PatchTypes =
        ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];

    // Subresources that stream or proxy have no object schema; upstream documents them differently and kubectl never reads them.
    private static readonly HashSet<string> s_streaming = new(["attach", "exec", "log", "portforward", "proxy"], StringComparer.Ordinal);

    private readonly SchemaGenerator _schemas;
    private readonly OpenApiDialect _dialect;

    public PathsBuilder(SchemaGenerator schemas)
    {
        _schemas = schemas;
        _dialect = schemas.Dialect;
    }

    public void Add(JsonObject paths, ResourceInfo resource)
    {
        var prefix = resource.Group.Length == 0 ? "/api/v1" : $"/apis/{resource.Group}/{resource.Version}";
        var collection = resource.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{resource.Resource}" : $"{prefix}/{resource.Resource}";
        var gvk = new GroupVersionKind(resource.Group, resource.Version, resource.Kind);
        var names = new OperationNames(resource);
        Func<JsonObject> kind = () => KindReference(resource.ModelType, gvk);
        Func<JsonObject> list = () => ListReference(resource);

        var collectionItem = PathItem(resource.Namespaced ? [StandardParameters.Namespace] : []);
        if (resource.Supports("list"))
        {
            collectionItem["get"] = Operation("list", names.Id("list", string.Empty), gvk, $"list or watch objects of kind {resource.Kind}",
                StandardParameters.List, [(200, "OK")], list);
        }

        if (resource.Supports("create"))
        {
            var create = Operation("post", names.Id("create", string.Empty), gvk, $"create a {resource.Kind}",
                StandardParameters.Write, [(200, "OK"), (201, "Created"), (202, "Accepted")], kind);
            _dialect.SetBody(create, ["*/*"], kind());
            collectionItem["post"] = create;
        }

        if (resource.Supports("deletecollection"))
        {
            var delete = Operation("deletecollection", names.Id("deleteCollection", string.Empty), gvk, $"delete collection of {resource.Kind}",
                [.. StandardParameters.Delete, .. StandardParameters.List.Where(p => p.Name != "watch")], [(200, "OK")], StatusReference);
            _dialect.SetBody(delete, ["*/*"], _schemas.Reference(typeof(V1DeleteOptions)));
            collectionItem["delete"] = delete;
        }

        AddIfAny(paths, collection, collectionItem);

        if (resource.Namespaced && resource.Supports("list"))
        {
            var all = PathItem([]);
            all["get"] = Operation("list", names.AllNamespacesId(), gvk, $"list or watch objects of kind {resource.Kind}",
                StandardParameters.List, [(200, "OK")], list);
            paths[$"{prefix}/{resource.Resource}"] = all;
        }

        var itemPath = collection + "/{name}";
        AddIfAny(paths, itemPath, ItemOperations(resource, gvk, names, string.Empty, kind, resource.Verbs));

        foreach (var sub in resource.Subresources)
        {
            if (s_streaming.Contains(sub.Name))
            {
                continue;
            }

            var subGvk = new GroupVersionKind(sub.Group ?? resource.Group, sub.Version ?? resource.Version, sub.Kind);
            var subModel = subGvk == gvk ? resource.ModelType : ResourceModels.Find(subGvk.Group, subGvk.Version, subGvk.Kind);
            Func<JsonObject> subKind = () => KindReference(subModel, subGvk);
            var suffix = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(sub.Name);
            AddIfAny(paths, $"{itemPath}/{sub.Name}", ItemOperations(resource, subGvk, names, suffix, subKind, sub.Verbs));
        }
    }

    private JsonObject ItemOperations(
        ResourceInfo resource, GroupVersionKind gvk, OperationNames names, string suffix, Func<JsonObject> kind, IReadOnlyList<string> verbs)
    {
        var parameters = new List<OpenApiParameter> { StandardParameters.Name(resource.Kind) };
        if (resource.Namespaced)
        {
            parameters.Add(StandardParameters.Namespace);
        }

        var item = PathItem(parameters);
        var target = suffix.Length == 0 ? $"the specified {resource.Kind}" : $"{suffix.ToLowerInvariant()} of the specified {resource.Kind}";
        if (verbs.Contains("get"))
        {
            item["get"] = Operation("get", names.Id("read", suffix), gvk, "read " + target, [], [(200, "OK")], kind);
        }

        if (verbs.Contains("update"))
        {
            var replace = Operation("put", names.Id("replace", suffix), gvk, "replace " + target,
                StandardParameters.Write, [(200, "OK"), (201, "Created")], kind);
            _dialect.SetBody(replace, ["*/*"], kind());
            item["put"] = replace;
        }

        if (verbs.Contains("patch"))
        {
            var patch = Operation("patch", names.Id("patch", suffix), gvk, "partially update " + target,
                StandardParameters.Patch, [(200, "OK"), (201, "Created")], kind);
            _dialect.SetBody(patch, PatchTypes, _schemas.Reference(typeof(V1Patch)));
            item["patch"] = patch;
        }

        if (verbs.Contains("delete") && suffix.Length == 0)
        {
            var delete = Operation("delete", names.Id("delete", suffix), gvk, "delete " + target,
                StandardParameters.Delete, [(200, "OK"), (202, "Accepted")], StatusReference);
            _dialect.SetBody(delete, ["*/*"], _schemas.Reference(typeof(V1DeleteOptions)));
            item["delete"] = delete;
        }

        if (verbs.Contains("create") && suffix.Length > 0)
        {
            var create = Operation("post", names.Id("create", suffix), gvk, "create " + target,
                StandardParameters.Write, [(200, "OK"), (201, "Created"), (202, "Accepted")], kind);
            _dialect.SetBody(create, ["*/*"], kind());
            item["post"] = create;
        }

        return item;
    }

    private JsonObject Operation(
        string action,
        string operationId,
        GroupVersionKind gvk,
        string description,
        IEnumerable<OpenApiParameter> parameters,
        IReadOnlyList<(int Code, string Description)> responses,
        Func<JsonObject> schema)
    {
        var operation = new JsonObject
        {
            ["description"] = description,
            ["operationId"] = operationId,
            ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)_dialect.Parameter(p))]),
            ["tags"] = new JsonArray(Tag(gvk.Group, gvk.Version)),
        };
        _dialect.SetResponses(operation, [.. responses, (401, "Unauthorized")], schema);
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = gvk.ToJson();
        return operation;
    }

    private JsonObject PathItem(IEnumerable<OpenApiParameter> parameters) => new()
    {
        ["parameters"] = new JsonArray([.. parameters.Append(StandardParameters.Pretty).Select(p => (JsonNode)_dialect.Parameter(p))]),
    };

    private static void AddIfAny(JsonObject paths, string path, JsonObject item)
    {
        if (item.Count > 1)
        {
            paths[path] = item;
        }
    }

    private JsonObject KindReference(Type? modelType, GroupVersionKind gvk) =>
        modelType is null ? _schemas.CustomReference(gvk.Group, gvk.Version, gvk.Kind) : _schemas.Reference(modelType);

    private JsonObject ListReference(ResourceInfo resource)
    {
        var listType = ResourceModels.Find(resource.Group, resource.Version, resource.ListKind)
            ?? resource.ModelType?.Assembly.GetType(resource.ModelType.FullName + "List");
        return listType is null
            ? _schemas.CustomReference(resource.Group, resource.Version, resource.ListKind)
            : _schemas.Reference(listType);
    }

    private JsonObject StatusReference() => _schemas.Reference(typeof(V1Status));

    // core_v1, apps_v1, rbacAuthorization_v1: the group's labels without the k8s.io suffix, camel-cased.
    private static string Tag(string group, string version)
    {
        var labels = OperationNames.GroupLabels(group);
        var camel = labels.Count == 0 ? "core" : labels[0] + string.Concat(labels.Skip(1).Select(OperationNames.Pascal));
        return $"{camel}_{version}";
    }
}
