using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// RFC 6902 JSON Patch (<c>application/json-patch+json</c>) as kube-apiserver applies it (evanphx/json-patch v4
/// semantics, including its leniencies: "replace" may create an object key, negative array indexes count from the
/// end, a missing "value" means null).
/// </summary>
internal static class JsonPatch
{
    /// <summary>kube-apiserver's cap on operations in one patch.</summary>
    public const int MaxOperations = 10000;

    private static readonly string[] s_stringFields = ["op", "path", "from"];

    /// <summary>Checks the patch has the shape upstream's strict decoder accepts; throws a 400 otherwise.</summary>
    public static IReadOnlyList<JsonObject> Decode(JsonNode? patch)
    {
        if (patch is null)
        {
            return [];
        }

        if (patch is not JsonArray operations)
        {
            throw DecodeError($"json: cannot unmarshal {GoJsonKind(patch)} into Go value of type []handlers.jsonPatchOp");
        }

        var result = new List<JsonObject>(operations.Count);
        foreach (var operation in operations)
        {
            if (operation is null)
            {
                result.Add([]);
                continue;
            }

            if (operation is not JsonObject obj)
            {
                throw DecodeError($"json: cannot unmarshal {GoJsonKind(operation)} into Go value of type handlers.jsonPatchOp");
            }

            foreach (var field in s_stringFields)
            {
                if (obj[field] is { } value && value.GetValueKind() != JsonValueKind.String)
                {
                    throw DecodeError(
                        $"json: cannot unmarshal {GoJsonKind(value)} into Go struct field jsonPatchOp.{field} of type string");
                }
            }

            result.Add(obj);
        }

        if (result.Count > MaxOperations)
        {
            throw PatchException.TooLarge(
                $"The allowed maximum operations in a JSON patch is {MaxOperations}, got {result.Count}");
        }

        return result;
    }

    /// <summary>Applies the operations in order to <paramref name="document"/> (changed in place) and returns the new root.</summary>
    public static JsonNode Apply(JsonNode document, IReadOnlyList<JsonObject> operations)
    {
        var root = document;
        foreach (var operation in operations)
        {
            try
            {
                root = ApplyOne(root, operation);
            }
            catch (JsonPatchFailure failure)
            {
                throw PatchException.Unprocessable(failure.Message);
            }
        }

        return root;
    }

    private static JsonNode ApplyOne(JsonNode root, JsonObject operation)
    {
        var kind = StringField(operation, "op") ?? "unknown";
        switch (kind)
        {
            case "add":
                Target(root, Path(operation, kind), "add operation does not apply: doc is missing path: \"{0}\": missing value")
                    .Add(Value(operation));
                return root;
            case "remove":
                Target(root, Path(operation, kind), "remove operation does not apply: doc is missing path: \"{0}\": missing value")
                    .Remove();
                return root;
            case "replace":
                return Replace(root, operation);
            case "move":
                Move(root, operation);
                return root;
            case "copy":
                Copy(root, operation);
                return root;
            case "test":
                Test(root, operation);
                return root;
            default:
                throw new JsonPatchFailure($"Unexpected kind: {kind}");
        }
    }

    private static JsonNode Replace(JsonNode root, JsonObject operation)
    {
        var path = Path(operation, "replace");
        if (path.Length == 0)
        {
            var whole = Value(operation);
            return whole is JsonObject or JsonArray
                ? whole
                : throw new JsonPatchFailure("replace operation value must be object or array: <nil>");
        }

        var target = Target(root, path, "replace operation does not apply: doc is missing path: {0}: missing value");
        if (target.Container is JsonArray)
        {
            try
            {
                target.Get();
            }
            catch (JsonPatchFailure)
            {
                throw new JsonPatchFailure($"replace operation does not apply: doc is missing key: {path}: missing value");
            }
        }

        target.Replace(Value(operation));
        return root;
    }

    private static void Move(JsonNode root, JsonObject operation)
    {
        var from = From(operation, "move");
        var source = Target(root, from, "move operation does not apply: doc is missing from path: {0}: missing value");
        var value = source.Remove();
        var path = Path(operation, "move");
        Target(root, path, "move operation does not apply: doc is missing destination path: {0}: missing value").Add(value);
    }

    private static void Copy(JsonNode root, JsonObject operation)
    {
        var from = From(operation, "copy");
        var source = Target(root, from, "copy operation does not apply: doc is missing from path: {0}: missing value");
        var (_, value) = source.Get();
        var path = Path(operation, "copy");
        Target(root, path, "copy operation does not apply: doc is missing destination path: {0}: missing value")
            .Add(JsonValues.Clone(value));
    }

    private static void Test(JsonNode root, JsonObject operation)
    {
        var path = Path(operation, "test");
        var expected = operation["value"];
        JsonNode? actual;
        if (path.Length == 0)
        {
            actual = root;
        }
        else
        {
            var target = Target(root, path, "test operation does not apply: is missing path: {0}: missing value");
            (_, actual) = target.Get();
        }

        // A missing key, a null and an absent "value" all count as null, as upstream's library treats them.
        var equal = actual is null || expected is null
            ? actual is null && expected is null
            : JsonNode.DeepEquals(actual, expected);
        if (!equal)
        {
            throw new JsonPatchFailure($"testing value {path} failed: test failed");
        }
    }

    private static JsonPointerTarget Target(JsonNode root, string path, string missingFormat) =>
        JsonPointerTarget.Resolve(root, path) ?? throw new JsonPatchFailure(string.Format(null, missingFormat, path));

    private static string Path(JsonObject operation, string kind) =>
        StringField(operation, "path")
        ?? throw new JsonPatchFailure($"{kind} operation failed to decode path: missing value");

    private static string From(JsonObject operation, string kind) =>
        StringField(operation, "from")
        ?? throw new JsonPatchFailure($"{kind} operation failed to decode from: operation, missing from field: missing value");

    private static string? StringField(JsonObject operation, string name) =>
        operation[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonNode? Value(JsonObject operation) => JsonValues.Clone(operation["value"]);

    private static PatchException DecodeError(string message) => PatchException.BadRequest("error decoding patch: " + message);

    /// <summary>How Go's JSON decoder names a value's kind in type errors.</summary>
    internal static string GoJsonKind(JsonNode? node) => JsonValues.KindOf(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}
