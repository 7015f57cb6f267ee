using System.Text.Json.Nodes;
using k8s.Models;
using Skiff.Api.Selectors;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>Turns typed selectors into <see cref="LabelSelector"/> with upstream's meaning of null and empty.</summary>
internal static class TypedSelectors
{
    /// <summary>A metav1.LabelSelector: null selects nothing, empty selects everything; null result when it does not parse.</summary>
    public static LabelSelector? FromLabelSelector(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return LabelSelector.Nothing;
        }

        var matchLabels = new JsonObject();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            matchLabels[key] = value;
        }

        var expressions = new JsonArray();
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            expressions.Add(new JsonObject
            {
                ["key"] = expression.Key,
                ["operator"] = expression.OperatorProperty,
                ["values"] = expression.Values is null ? null : new JsonArray([.. expression.Values.Select(v => (JsonNode?)v)]),
            });
        }

        try
        {
            return LabelSelector.FromJson(new JsonObject { ["matchLabels"] = matchLabels, ["matchExpressions"] = expressions });
        }
        catch (SelectorParseException)
        {
            return null;
        }
    }

    /// <summary>A ReplicationController's map selector; as upstream, an empty map selects everything.</summary>
    public static LabelSelector? FromMap(IDictionary<string, string>? selector)
    {
        try
        {
            return LabelSelector.FromMatchLabels(new Dictionary<string, string>(selector ?? new Dictionary<string, string>(), StringComparer.Ordinal));
        }
        catch (SelectorParseException)
        {
            return null;
        }
    }
}
