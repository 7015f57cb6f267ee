using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.ApiServer.Admission;

/// <summary>
/// A value printed as Go's %#v prints it, because upstream puts maps and structs into messages that way
/// (map[string]string{"app":"web"}, v1.LabelSelector{...}) and clients show them verbatim.
/// </summary>
internal sealed record GoValue(string Text)
{
    public static GoValue StringMap(JsonNode? node)
    {
        if (node is not JsonObject map)
        {
            return new GoValue("map[string]string(nil)");
        }

        var entries = JsonFields.StringMap(map).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{GoQuote.Quote(kv.Key)}:{GoQuote.Quote(kv.Value)}");
        return new GoValue("map[string]string{" + string.Join(", ", entries) + "}");
    }

    public static GoValue StringSlice(IEnumerable<string> items) =>
        new("[]string{" + string.Join(", ", items.Select(GoQuote.Quote)) + "}");

    /// <summary>A metav1.LabelSelector as upstream prints it in "field is immutable" and "empty selector" messages.</summary>
    public static GoValue LabelSelector(JsonNode? selector)
    {
        var matchLabels = StringMap(JsonFields.Obj(selector, "matchLabels")).Text;
        var expressions = JsonFields.Arr(selector, "matchExpressions") is { } list
            ? "[]v1.LabelSelectorRequirement{" + string.Join(", ", list.OfType<JsonObject>().Select(Requirement)) + "}"
            : "[]v1.LabelSelectorRequirement(nil)";
        return new GoValue($"v1.LabelSelector{{MatchLabels:{matchLabels}, MatchExpressions:{expressions}}}");
    }

    public override string ToString() => Text;

    private static string Requirement(JsonObject r)
    {
        var values = JsonFields.Arr(r, "values") is { } v
            ? StringSlice(v.Select(x => x is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : string.Empty)).Text
            : "[]string(nil)";
        return $"v1.LabelSelectorRequirement{{Key:{GoQuote.Quote(JsonFields.Str(r, "key"))}, Operator:{GoQuote.Quote(JsonFields.Str(r, "operator"))}, Values:{values}}}";
    }
}
