using System.Collections.Frozen;
using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;
using Skiff.Api.Schema;

namespace Skiff.ApiServer.OpenApi;

/// <summary>
/// Upstream definition names ("io.k8s.api.core.v1.PodSpec") for KubernetesClient model types. The client names a
/// model version + kind ("V1PodSpec") and prefixes the package only when two packages share a name
/// ("Corev1Event"), so the package of an unprefixed type is recovered from the kinds that use it: core kinds
/// claim first, then the other groups in name order, and apimachinery's meta types are known by name.
/// </summary>
internal static partial class DefinitionNames
{
    private static readonly FrozenSet<string> s_metaKinds = FrozenSet.Create(
        StringComparer.Ordinal,
        "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition", "DeleteOptions",
        "FieldSelectorRequirement", "FieldsV1", "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement",
        "ListMeta", "ManagedFieldsEntry", "MicroTime", "ObjectMeta", "OwnerReference", "Patch", "Preconditions",
        "ServerAddressByClientCIDR", "Status", "StatusCause", "StatusDetails", "Time", "WatchEvent");

    private static readonly FrozenDictionary<Type, string> s_special = new Dictionary<Type, string>
    {
        [typeof(IntOrString)] = "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
        [typeof(ResourceQuantity)] = "io.k8s.apimachinery.pkg.api.resource.Quantity",

        // Core types that only another group's kinds use, so the walk from kinds would misplace them.
        [typeof(V1TopologySelectorTerm)] = "io.k8s.api.core.v1.TopologySelectorTerm",
        [typeof(V1TopologySelectorLabelRequirement)] = "io.k8s.api.core.v1.TopologySelectorLabelRequirement",
        [typeof(VersionInfo)] = "io.k8s.apimachinery.pkg.version.Info",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<Type, string>> s_packages = new(AssignPackages);

    /// <summary>The upstream definition name of a model type.</summary>
    public static string Of(Type modelType)
    {
        if (s_special.TryGetValue(modelType, out var special))
        {
            return special;
        }

        var (prefix, version, kind) = Split(modelType.Name);
        if (prefix is not null)
        {
            return $"{PackagePrefix(prefix.ToLowerInvariant())}.{version}.{kind}";
        }

        if (s_metaKinds.Contains(kind) && version == "v1")
        {
            return $"io.k8s.apimachinery.pkg.apis.meta.v1.{kind}";
        }

        var package = s_packages.Value.GetValueOrDefault(modelType, "core");
        return $"{PackagePrefix(package)}.{version}.{kind}";
    }

    /// <summary>The definition name upstream gives a custom resource kind: the reversed group, version and kind.</summary>
    public static string ForCustomResource(string group, string version, string kind) =>
        $"{string.Join('.', group.Split('.').Reverse())}.{version}.{kind}";

    /// <summary>The package segment of a group: "apps", "core" for "", "rbac" for "rbac.authorization.k8s.io".</summary>
    public static string PackageOf(string group) => group switch
    {
        "" => "core",
        "internal.apiserver.k8s.io" => "apiserverinternal",
        _ => group.Split('.')[0],
    };

    private static string PackagePrefix(string package) => package switch
    {
        "apiextensions" => "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
        "apiregistration" => "io.k8s.kube-aggregator.pkg.apis.apiregistration",
        _ => $"io.k8s.api.{package}",
    };

    private static (string? Prefix, string Version, string Kind) Split(string typeName)
    {
        var match = ModelName().Match(typeName);
        if (!match.Success)
        {
            return (null, "v1", typeName);
        }

        var prefix = match.Groups["package"].Success ? match.Groups["package"].Value : null;
        return (prefix, "v" + match.Groups["version"].Value, match.Groups["kind"].Value);
    }

    // Walks from every kind through the model graph; the first package to reach a shared type owns it.
    private static FrozenDictionary<Type, string> AssignPackages()
    {
        var kinds = LoadableTypes(typeof(V1Pod).Assembly)
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(e => e.Entity is not null)
            .Select(e => (e.Type, Package: PackageOf(e.Entity!.Group ?? string.Empty)))
            .OrderBy(e => e.Package == "core" ? 0 : 1)
            .ThenBy(e => e.Package, StringComparer.Ordinal)
            .ThenBy(e => e.Type.Name, StringComparer.Ordinal)
            .ToList();

        var owners = new Dictionary<Type, string>();
        foreach (var (type, package) in kinds)
        {
            var pending = new Queue<Type>([type]);
            while (pending.TryDequeue(out var next))
            {
                if (!owners.TryAdd(next, package))
                {
                    continue;
                }

                foreach (var field in PatchMetadata.For(next)?.Fields.Values ?? [])
                {
                    if (field.ItemModelType is { } item && !owners.ContainsKey(item))
                    {
                        pending.Enqueue(item);
                    }
                }
            }
        }

        return owners.ToFrozenDictionary();
    }

    // The client assembly has helper types that need optional dependencies; models never do.
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    // V1PodSpec, V1beta2FlowSchema, Corev1Event (package prefix when two packages share version and kind).
    [GeneratedRegex("^(?:(?<package>[A-Z][a-z]+)v|V)(?<version>[0-9]+(?:(?:alpha|beta)[0-9]+)?)(?<kind>[A-Z].*)$")]
    private static partial Regex ModelName();
}
