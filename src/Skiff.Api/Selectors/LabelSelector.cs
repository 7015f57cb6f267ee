using System.Text.Json.Nodes;
using k8s.Models;
using Skiff.Api.Objects;

namespace Skiff.Api.Selectors;

/// <summary>
/// A parsed label selector. An empty selector matches everything; <see cref="Nothing"/> (what a
/// null LabelSelector means in a workload spec) matches nothing.
/// </summary>
public sealed class LabelSelector
{
    private readonly bool _matchesNothing;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing)
    {
        Requirements = requirements;
        _matchesNothing = matchesNothing;
    }

    public static LabelSelector Everything { get; } = new([], false);

    public static LabelSelector Nothing { get; } = new([], true);

    /// <summary>Requirements sorted by key, as upstream keeps them.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEverything => !_matchesNothing && Requirements.Count == 0;

    public bool IsNothing => _matchesNothing;

    /// <summary>Parses the string form (?labelSelector=...). Throws <see cref="SelectorParseException"/> with upstream's message.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var requirements = new LabelSelectorParser(text).Parse();
        return new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)], false);
    }

    public static bool TryParse(string? text, out LabelSelector selector, out string error)
    {
        try
        {
            selector = Parse(text);
            error = string.Empty;
            return true;
        }
        catch (SelectorParseException e)
        {
            selector = Nothing;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Builds a selector from a metav1.LabelSelector in JSON (matchLabels and matchExpressions).
    /// Null means nothing; an empty object means everything. Throws <see cref="SelectorParseException"/>
    /// with upstream's message for a bad key, value or operator.
    /// </summary>
    public static LabelSelector FromJson(JsonNode? selector)
    {
        if (selector is not JsonObject json)
        {
            return Nothing;
        }

        var matchLabels = json["matchLabels"] as JsonObject;
        var expressions = json["matchExpressions"] as JsonArray;
        if ((matchLabels?.Count ?? 0) + (expressions?.Count ?? 0) == 0)
        {
            return Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in matchLabels ?? [])
        {
            requirements.Add(LabelRequirement.Create(key, SelectorOperator.Equals, [(string?)value ?? string.Empty]));
        }

        foreach (var expression in (expressions ?? []).OfType<JsonObject>())
        {
            var op = (string?)expression["operator"] ?? string.Empty;
            var selectorOp = op switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                _ => throw new SelectorParseException($"{Validation.GoQuote.Quote(op)} is not a valid label selector operator"),
            };
            var values = expression["values"] is JsonArray array ? array.Select(v => (string?)v ?? string.Empty).ToList() : null;
            requirements.Add(LabelRequirement.Create((string?)expression["key"] ?? string.Empty, selectorOp, values));
        }

        return new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)], false);
    }

    /// <summary>
    /// Builds a selector from a typed metav1.LabelSelector with the same rules as <see cref="FromJson"/>: null means
    /// nothing, empty means everything.
    /// </summary>
    public static LabelSelector FromModel(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        if ((selector.MatchLabels?.Count ?? 0) + (selector.MatchExpressions?.Count ?? 0) == 0)
        {
            return Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            requirements.Add(LabelRequirement.Create(key, SelectorOperator.Equals, [value ?? string.Empty]));
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var selectorOp = expression.OperatorProperty switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                var op => throw new SelectorParseException($"{Validation.GoQuote.Quote(op ?? string.Empty)} is not a valid label selector operator"),
            };
            requirements.Add(LabelRequirement.Create(expression.Key ?? string.Empty, selectorOp, expression.Values?.ToList()));
        }

        return new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)], false);
    }

    /// <summary>This selector with one more requirement (topology spread's matchLabelKeys add the pod's own values).</summary>
    public LabelSelector With(LabelRequirement requirement) =>
        _matchesNothing ? this : new LabelSelector([.. Requirements.Append(requirement).OrderBy(r => r.Key, StringComparer.Ordinal)], false);

    /// <summary>A selector requiring every given label, as from a Service's spec.selector map.</summary>
    public static LabelSelector FromMatchLabels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0
            ? Everything
            : new LabelSelector(
                [.. labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => LabelRequirement.Create(kv.Key, SelectorOperator.Equals, [kv.Value]))],
                false);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        if (_matchesNothing)
        {
            return false;
        }

        // A plain loop: the scheduler matches selectors against every pod on thousands of nodes per cycle.
        for (var i = 0; i < Requirements.Count; i++)
        {
            if (!Requirements[i].Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Matches an object's metadata.labels.</summary>
    public bool Matches(JsonObject obj) => Matches(obj.GetLabels());

    public override string ToString() => string.Join(",", Requirements);
}
