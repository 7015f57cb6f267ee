using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>One selector of a parsed JSONPath, applied to every node the previous one selected.</summary>
internal sealed record JsonPathStep(JsonPathStepKind Kind, string Name = "", int Index = 0, JsonPathFilter? Filter = null)
{
    public void Apply(JsonNode? node, List<JsonNode?> results)
    {
        switch (Kind)
        {
            case JsonPathStepKind.Field:
                if (node is JsonObject obj && obj.TryGetPropertyValue(Name, out var child))
                {
                    results.Add(child);
                }
                break;
            case JsonPathStepKind.Index:
                if (node is JsonArray array)
                {
                    var i = Index < 0 ? array.Count + Index : Index;
                    if (i >= 0 && i < array.Count)
                    {
                        results.Add(array[i]);
                    }
                }
                break;
            case JsonPathStepKind.Wildcard:
                if (node is JsonArray items)
                {
                    results.AddRange(items);
                }
                else if (node is JsonObject fields)
                {
                    results.AddRange(fields.Select(p => p.Value));
                }
                break;
            case JsonPathStepKind.Filter:
                if (node is JsonArray candidates)
                {
                    results.AddRange(candidates.Where(c => Filter!.Matches(c)));
                }
                break;
        }
    }
}
