using System.Text.Json;

namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>Reads pluginConfig args (upstream's *Args kinds, as JSON) field by field; absent fields keep their defaults.</summary>
internal static class PluginArgs
{
    public static JsonElement? Field(this JsonElement? args, string name) =>
        args is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static IReadOnlyList<string>? Strings(this JsonElement? args, string name) =>
        args.Field(name) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
            : null;

    public static string? String(this JsonElement? args, string name) =>
        args.Field(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static int? Int(this JsonElement? args, string name) =>
        args.Field(name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;

    public static bool? Bool(this JsonElement? args, string name) =>
        args.Field(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    /// <summary>A field holding an API type (a node affinity, spread constraints), read with the client's serializer.</summary>
    public static T? Model<T>(this JsonElement? args, string name)
        where T : class =>
        args.Field(name) is { } value ? k8s.KubernetesJson.Deserialize<T>(value.GetRawText()) : null;
}
