using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.Api.Selectors;

/// <summary>Selector reads over a <see cref="JsonNode"/> document.</summary>
public readonly struct NodeReadable(JsonNode? node) : IJsonReadable<NodeReadable>
{
    public NodeReadable Member(string name) => new(node is JsonObject o ? o[name] : null);

    public bool TryFirstItem(out NodeReadable item)
    {
        item = node is JsonArray { Count: > 0 } a ? new NodeReadable(a[0]) : default;
        return node is JsonArray { Count: > 0 };
    }

    public string String() => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public bool IsTrue() => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public long? Integer() => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : null;

    public void CopyStringMembers(Dictionary<string, string> into)
    {
        if (node is not JsonObject o)
        {
            return;
        }

        foreach (var (k, v) in o)
        {
            if (v is JsonValue value && value.TryGetValue<string>(out var s))
            {
                into[k] = s;
            }
        }
    }
}
