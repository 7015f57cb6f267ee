using System.Text.Json;

namespace Skiff.Api.Selectors;

/// <summary>Selector reads over a parsed <see cref="JsonElement"/>, with no document model built.</summary>
public readonly struct ElementReadable : IJsonReadable<ElementReadable>
{
    private readonly JsonElement _element;
    private readonly bool _present;

    public ElementReadable(JsonElement element)
    {
        _element = element;
        _present = true;
    }

    public ElementReadable Member(string name) =>
        _present && _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(name, out var child) ? new ElementReadable(child) : default;

    public bool TryFirstItem(out ElementReadable item)
    {
        if (_present && _element.ValueKind == JsonValueKind.Array && _element.GetArrayLength() > 0)
        {
            item = new ElementReadable(_element[0]);
            return true;
        }

        item = default;
        return false;
    }

    public string String() => _present && _element.ValueKind == JsonValueKind.String ? _element.GetString() ?? string.Empty : string.Empty;

    public bool IsTrue() => _present && _element.ValueKind == JsonValueKind.True;

    public long? Integer() => _present && _element.ValueKind == JsonValueKind.Number && _element.TryGetInt64(out var n) ? n : null;

    public void CopyStringMembers(Dictionary<string, string> into)
    {
        if (!_present || _element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in _element.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.String)
            {
                into[member.Name] = member.Value.GetString()!;
            }
        }
    }
}
