using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Event fields as events.k8s.io/v1 names them.</summary>
internal sealed class EventsGroupFields : IEventFields
{
    public DateTimeOffset? FirstTimestamp(JsonObject e) => e.Time("deprecatedFirstTimestamp");

    public DateTimeOffset? LastTimestamp(JsonObject e) => e.Time("deprecatedLastTimestamp");

    public long Count(JsonObject e) => e.Long("deprecatedCount");

    public JsonObject? Regarding(JsonObject e) => e.Obj("regarding");

    public string SourceComponent(JsonObject e) => e.Str("deprecatedSource", "component");

    public string SourceHost(JsonObject e) => e.Str("deprecatedSource", "host");

    public string Message(JsonObject e) => e.Str("note");
}
