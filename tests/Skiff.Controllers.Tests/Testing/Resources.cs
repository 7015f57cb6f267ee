using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.Tests.Testing;

/// <summary>A small discovery answer: core, apps, a cluster-scoped kind and a custom resource.</summary>
internal static class Resources
{
    private static readonly HashSet<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static ApiResource ConfigMaps { get; } = new(string.Empty, "v1", "configmaps", "ConfigMap", true, AllVerbs);

    public static ApiResource Pods { get; } = new(string.Empty, "v1", "pods", "Pod", true, AllVerbs);

    public static ApiResource Nodes { get; } = new(string.Empty, "v1", "nodes", "Node", false, AllVerbs);

    public static ApiResource ReplicaSets { get; } = new("apps", "v1", "replicasets", "ReplicaSet", true, AllVerbs);

    public static ApiResource Widgets { get; } = new("example.com", "v1", "widgets", "Widget", true, AllVerbs);

    /// <summary>Namespaced, but cannot be deleted as a collection.</summary>
    public static ApiResource Gadgets { get; } = new("example.com", "v1", "gadgets", "Gadget", true, new HashSet<string> { "delete", "get", "list", "watch" });

    public static DiscoveryResult Discovery(params ApiResource[] extra)
    {
        IReadOnlyList<ApiResource> all = [ConfigMaps, Pods, Nodes, ReplicaSets, Widgets, .. extra];
        return new DiscoveryResult(all, all, new Dictionary<string, string>());
    }
}
