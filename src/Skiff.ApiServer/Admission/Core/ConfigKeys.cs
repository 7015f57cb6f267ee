using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Skiff.Api.Validation;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>Keys and sizes of ConfigMap and Secret data, checked as upstream does.</summary>
internal static partial class ConfigKeys
{
    /// <summary>1 MiB: the most data one ConfigMap or Secret may hold.</summary>
    public const int MaxTotalBytes = 1024 * 1024;

    private const string KeyFormat = "[-._a-zA-Z0-9]+";

    public static IReadOnlyList<string> Check(string key)
    {
        var errors = new List<string>();
        if (key.Length > NameValidation.Dns1123SubdomainMaxLength)
        {
            errors.Add(NameValidation.MaxLenError(NameValidation.Dns1123SubdomainMaxLength));
        }

        if (!Key().IsMatch(key))
        {
            errors.Add(NameValidation.RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", KeyFormat, "key.name", "KEY_NAME", "key-name"));
        }

        if (key == ".")
        {
            errors.Add("must not be '.'");
        }
        else if (key == "..")
        {
            errors.Add("must not be '..'");
        }
        else if (key.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Add("must not start with '..'");
        }

        return errors;
    }

    /// <summary>Checks every key of a data map at <paramref name="path"/>; returns the bytes it holds.</summary>
    public static long CheckMap(JsonObject? map, string path, bool base64, List<FieldError> errors)
    {
        long total = 0;
        foreach (var (key, value) in map ?? [])
        {
            errors.AddRange(Check(key).Select(m => FieldError.Invalid($"{path}[{key}]", key, m)));
            total += Size(value, base64);
        }

        return total;
    }

    public static bool SameData(JsonNode? a, JsonNode? b) =>
        JsonNode.DeepEquals(a is JsonObject { Count: 0 } ? null : a, b is JsonObject { Count: 0 } ? null : b);

    private static long Size(JsonNode? value, bool base64)
    {
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
        if (!base64)
        {
            return System.Text.Encoding.UTF8.GetByteCount(text);
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? written : text.Length;
    }

    [GeneratedRegex("^" + KeyFormat + @"\z")]
    private static partial Regex Key();
}
