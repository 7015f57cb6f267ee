using System.Globalization;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.Printing;

/// <summary>Shared clock and helpers for building stored objects in printer tests.</summary>
internal static class TestObjects
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An RFC 3339 timestamp this long before <see cref="Now"/>.</summary>
    public static string Ago(TimeSpan span) =>
        (Now - span).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses JSON written with single quotes for readability.</summary>
    public static JsonObject Json(string singleQuoted) =>
        JsonNode.Parse(singleQuoted.Replace('\'', '"'))!.AsObject();

    /// <summary>Cells as text: strings unquoted, other values as JSON, absent cells as "null".</summary>
    public static string[] Texts(JsonArray cells) => cells
        .Select(c => c is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? v.GetValue<string>()
            : c?.ToJsonString() ?? "null")
        .ToArray();
}
