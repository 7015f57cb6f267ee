namespace Skiff.Client.Events;

/// <summary>The Event object last written for one aggregation key.</summary>
internal sealed record SeenEvent(string Namespace, string Name, int Count, DateTimeOffset LastTimestamp);
