using System.Text.Json.Nodes;

namespace Skiff.ApiServer.CustomResources;

/// <summary>spec.names or status.acceptedNames of a CRD.</summary>
internal sealed record CrdNames(
    string Plural, string Singular, string Kind, string ListKind, IReadOnlyList<string> ShortNames, IReadOnlyList<string> Categories)
{
    public static readonly CrdNames Empty = new(string.Empty, string.Empty, string.Empty, string.Empty, [], []);

    public static CrdNames From(JsonNode? names) => new(
        CrdJson.Str(names, "plural"),
        CrdJson.Str(names, "singular"),
        CrdJson.Str(names, "kind"),
        CrdJson.Str(names, "listKind"),
        CrdJson.Strings(names?["shortNames"]),
        CrdJson.Strings(names?["categories"]));

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["plural"] = Plural };
        if (Singular.Length > 0)
        {
            json["singular"] = Singular;
        }

        if (ShortNames.Count > 0)
        {
            json["shortNames"] = new JsonArray(ShortNames.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        json["kind"] = Kind;
        if (ListKind.Length > 0)
        {
            json["listKind"] = ListKind;
        }

        if (Categories.Count > 0)
        {
            json["categories"] = new JsonArray(Categories.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        return json;
    }
}
