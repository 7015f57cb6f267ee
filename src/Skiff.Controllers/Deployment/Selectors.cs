using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skiff.Api.Selectors;

namespace Skiff.Controllers.Deployment;

/// <summary>Typed label selectors turned into Skiff.Api's matcher.</summary>
internal static class Selectors
{
    /// <summary>True for a selector with neither matchLabels nor matchExpressions: upstream refuses to act on one.</summary>
    public static bool SelectsEverything(V1LabelSelector? selector) =>
        selector is not null && (selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0;

    /// <summary>Throws <see cref="SelectorParseException"/> for an invalid selector.</summary>
    public static LabelSelector From(V1LabelSelector? selector) =>
        selector is null ? LabelSelector.Nothing : LabelSelector.FromJson(JsonNode.Parse(KubernetesJson.Serialize(selector)));

    public static bool Matches(LabelSelector selector, IMetadata<V1ObjectMeta> obj) =>
        selector.Matches(obj.Metadata?.Labels switch
        {
            null => Empty,
            IReadOnlyDictionary<string, string> labels => labels,
            var labels => new Dictionary<string, string>(labels),
        });

    private static readonly Dictionary<string, string> Empty = [];
}
