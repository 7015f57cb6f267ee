using System.Reflection;
using k8s.Models;

namespace Skiff.Client.Informers;

/// <summary>Where a resource's collection lives: <c>/api/v1/pods</c> for the core group, <c>/apis/apps/v1/deployments</c> otherwise.</summary>
internal sealed record ResourcePath(string Group, string Version, string Plural, string Kind)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string CollectionPath => Group.Length == 0 ? $"api/{Version}/{Plural}" : $"apis/{Group}/{Version}/{Plural}";

    public static ResourcePath For<T>()
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} has no KubernetesEntity attribute", nameof(T));
        return new ResourcePath(entity.Group ?? string.Empty, entity.ApiVersion, entity.PluralName, entity.Kind);
    }

    public override string ToString() => Group.Length == 0 ? $"{Plural}.{Version}" : $"{Plural}.{Version}.{Group}";
}
