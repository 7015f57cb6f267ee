using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Event fields as core/v1 names them.</summary>
internal sealed class CoreFields : IEventFields
{
    public DateTimeOffset? FirstTimestamp(JsonObject e) => e.Time("firstTimestamp");

    public DateTimeOffset? LastTimestamp(JsonObject e) => e.Time("lastTimestamp");

    public long Count(JsonObject e) => e.Long("count");

    public JsonObject? Regarding(JsonObject e) => e.Obj("involvedObject");

    public string SourceComponent(JsonObject e) => e.Str("source", "component");

    public string SourceHost(JsonObject e) => e.Str("source", "host");

    public string Message(JsonObject e) => e.Str("message");
}
