using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Where one Event API version keeps the fields the events table prints.</summary>
internal interface IEventFields
{
    DateTimeOffset? FirstTimestamp(JsonObject e);

    DateTimeOffset? LastTimestamp(JsonObject e);

    long Count(JsonObject e);

    JsonObject? Regarding(JsonObject e);

    string SourceComponent(JsonObject e);

    string SourceHost(JsonObject e);

    string Message(JsonObject e);
}
