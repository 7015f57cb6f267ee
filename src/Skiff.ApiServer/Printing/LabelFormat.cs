using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>Label maps and label selectors in the text form upstream prints.</summary>
internal static class LabelFormat
{
    public const string None = "<none>";

    /// <summary>"k=v,k2=v2" sorted, or "&lt;none&gt;" for an empty map.</summary>
    public static string Map(JsonObject? labels)
    {
        var text = MapText(labels);
        return text.Length == 0 ? None : text;
    }

    public static string MapText(JsonObject? labels)
    {
        if (labels is null)
        {
            return "";
        }
        var pairs = labels.Select(p => p.Key + "=" + p.Value.Str()).ToList();
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(",", pairs);
    }

    /// <summary>A LabelSelector as a selector string, "&lt;none&gt;" when it selects nothing or everything.</summary>
    public static string Selector(JsonObject? selector)
    {
        var text = SelectorText(selector);
        return text.Length == 0 ? None : text;
    }

    /// <summary>
    /// The selector string with no placeholder; "&lt;error&gt;" callers never see because
    /// validation rejects unknown operators before storage.
    /// </summary>
    public static string SelectorText(JsonObject? selector)
    {
        if (selector is null)
        {
            return "";
        }
        var requirements = new List<(string Key, string Text)>();
        foreach (var (key, value) in selector.Obj("matchLabels") ?? [])
        {
            requirements.Add((key, key + "=" + value.Str()));
        }
        foreach (var expression in selector.Objects("matchExpressions"))
        {
            var key = expression.Str("key");
            var values = expression.Arr("values").Select(v => v.Str()).ToList();
            values.Sort(StringComparer.Ordinal);
            var text = expression.Str("operator") switch
            {
                "In" => $"{key} in ({string.Join(",", values)})",
                "NotIn" => $"{key} notin ({string.Join(",", values)})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                _ => null,
            };
            if (text is null)
            {
                return "<error>";
            }
            requirements.Add((key, text));
        }
        return string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }
}
