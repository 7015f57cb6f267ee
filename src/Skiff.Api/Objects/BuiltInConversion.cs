using System.Text.Json.Nodes;

namespace Skiff.Api.Objects;

/// <summary>
/// Conversion between the group-versions of built-in kinds that upstream serves as one object
/// (HorizontalPodAutoscalers in autoscaling/v1 and v2, Events in core v1 and events.k8s.io/v1).
/// </summary>
public static class BuiltInConversion
{
    /// <summary>True for kinds served at more than one group-version over one stored form.</summary>
    public static bool Converts(string kind) => kind is "HorizontalPodAutoscaler" or "Event";

    /// <summary>
    /// <paramref name="obj"/> at <paramref name="apiVersion"/>: the same instance when it already is,
    /// or when no conversion between its version and that one is known; otherwise a new object.
    /// </summary>
    public static JsonObject To(JsonObject obj, string apiVersion)
    {
        var from = obj["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
        if (from == apiVersion || from.Length == 0)
        {
            return obj;
        }

        var kind = obj["kind"] is JsonValue k && k.TryGetValue<string>(out var name) ? name : string.Empty;
        return (kind, from, apiVersion) switch
        {
            ("HorizontalPodAutoscaler", "autoscaling/v2", "autoscaling/v1") => HpaConversion.ToV1(obj),
            ("HorizontalPodAutoscaler", "autoscaling/v1", "autoscaling/v2") => HpaConversion.ToV2(obj),
            ("Event", "v1", "events.k8s.io/v1") => EventConversion.ToEventsV1(obj),
            ("Event", "events.k8s.io/v1", "v1") => EventConversion.ToCore(obj),
            _ => obj,
        };
    }
}
