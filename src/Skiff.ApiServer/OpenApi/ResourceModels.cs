using System.Collections.Frozen;
using System.Reflection;
using k8s.Models;

namespace Skiff.ApiServer.OpenApi;

/// <summary>KubernetesClient model types by the group, version and kind their <c>KubernetesEntity</c> attribute names.</summary>
internal static class ResourceModels
{
    private static readonly Lazy<FrozenDictionary<GroupVersionKind, Type>> s_byKind = new(Index);

    public static Type? Find(string group, string version, string kind) =>
        s_byKind.Value.GetValueOrDefault(new GroupVersionKind(group, version, kind));

    private static FrozenDictionary<GroupVersionKind, Type> Index()
    {
        var index = new Dictionary<GroupVersionKind, Type>();
        Type[] types;
        try
        {
            types = typeof(V1Pod).Assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = [.. e.Types.OfType<Type>()];
        }

        foreach (var type in types)
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind: { Length: > 0 } kind } entity)
            {
                index.TryAdd(new GroupVersionKind(entity.Group ?? string.Empty, entity.ApiVersion ?? "v1", kind), type);
            }
        }

        return index.ToFrozenDictionary();
    }
}
