using Skiff.Api.Catalog;

namespace Skiff.ApiServer.OpenApi;

/// <summary>Upstream's operation ids: verb, group-version, scope and kind ("listAppsV1NamespacedDeployment").</summary>
internal sealed class OperationNames
{
    private readonly ResourceInfo _resource;
    private readonly string _groupVersion;

    public OperationNames(ResourceInfo resource)
    {
        _resource = resource;
        var labels = GroupLabels(resource.Group);
        _groupVersion = (labels.Count == 0 ? "Core" : string.Concat(labels.Select(Pascal))) + Pascal(resource.Version);
    }

    public string Id(string verb, string suffix) =>
        $"{verb}{_groupVersion}{(_resource.Namespaced ? "Namespaced" : string.Empty)}{_resource.Kind}{suffix}";

    public string AllNamespacesId() => $"list{_groupVersion}{_resource.Kind}ForAllNamespaces";

    /// <summary>"rbac.authorization.k8s.io" → [rbac, authorization]; the core group has none.</summary>
    public static IReadOnlyList<string> GroupLabels(string group)
    {
        if (group.Length == 0)
        {
            return [];
        }

        var labels = group.Split('.').ToList();
        if (labels.Count >= 2 && labels[^1] == "io" && labels[^2] == "k8s")
        {
            labels.RemoveRange(labels.Count - 2, 2);
        }

        return labels;
    }

    public static string Pascal(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
