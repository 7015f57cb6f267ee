using System.Text.Json.Nodes;

namespace Skiff.Api.Objects;

/// <summary>
/// Converts between core v1 Events (how upstream stores every Event) and events.k8s.io/v1
/// Events. The two schemas hold the same facts under different names; fields come out in the
/// order upstream's types print them, with the always-present ones upstream writes even when empty.
/// </summary>
public static class EventConversion
{
    // events.k8s.io/v1 name → core v1 name, for the fields that were renamed.
    private static readonly (string EventsV1, string Core)[] _renamed =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
        ("reportingController", "reportingComponent"),
    ];

    private static readonly string[] _coreOrder =
    [
        "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type",
        "eventTime", "series", "action", "related", "reportingComponent", "reportingInstance",
    ];

    private static readonly string[] _eventsV1Order =
    [
        "metadata", "eventTime", "series", "reportingController", "reportingInstance", "action", "reason", "regarding",
        "related", "note", "type", "deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount",
    ];

    public static JsonObject ToEventsV1(JsonObject core)
    {
        var fields = Rename(core, fromCore: true);
        // Upstream's struct fields without omitempty always print: objects as {}, times as null.
        fields.TryAdd("regarding", new JsonObject());
        fields.TryAdd("deprecatedSource", new JsonObject());
        fields.TryAdd("eventTime", null);
        fields.TryAdd("deprecatedFirstTimestamp", null);
        fields.TryAdd("deprecatedLastTimestamp", null);
        return Assemble("events.k8s.io/v1", fields, _eventsV1Order);
    }

    public static JsonObject ToCore(JsonObject eventsV1)
    {
        var fields = Rename(eventsV1, fromCore: false);
        fields.TryAdd("involvedObject", new JsonObject());
        fields.TryAdd("source", new JsonObject());
        fields.TryAdd("firstTimestamp", null);
        fields.TryAdd("lastTimestamp", null);
        fields.TryAdd("eventTime", null);
        // Core Events print these two even when empty (no omitempty upstream).
        fields.TryAdd("reportingComponent", string.Empty);
        fields.TryAdd("reportingInstance", string.Empty);
        return Assemble("v1", fields, _coreOrder);
    }

    private static Dictionary<string, JsonNode?> Rename(JsonObject source, bool fromCore)
    {
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            var target = key;
            foreach (var (eventsV1, core) in _renamed)
            {
                if (fromCore && key == core)
                {
                    target = eventsV1;
                }
                else if (!fromCore && key == eventsV1)
                {
                    target = core;
                }
            }

            fields[target] = value?.DeepClone();
        }

        return fields;
    }

    private static JsonObject Assemble(string apiVersion, Dictionary<string, JsonNode?> fields, string[] order)
    {
        var result = new JsonObject { ["kind"] = "Event", ["apiVersion"] = apiVersion };
        foreach (var name in order)
        {
            if (fields.Remove(name, out var value))
            {
                result[name] = value;
            }
        }

        // Anything unknown to this mapping is kept rather than silently dropped.
        foreach (var (name, value) in fields)
        {
            result[name] = value;
        }

        return result;
    }
}
