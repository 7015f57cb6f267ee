using k8s.Models;

namespace Skiff.Client.Events;

/// <summary>An event as recorded, waiting for the writer.</summary>
internal sealed record PendingEvent(string Component, V1ObjectReference Regarding, string Type, string Reason, string Message, DateTimeOffset Time)
{
    /// <summary>What makes two events "the same" for aggregation.</summary>
    public string AggregationKey =>
        string.Join('\0', Component, Regarding.ApiVersion, Regarding.Kind, Regarding.NamespaceProperty, Regarding.Name, Regarding.Uid, Type, Reason, Message);
}
