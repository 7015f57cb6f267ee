namespace Skiff.Client.Events;

public sealed record EventBroadcasterOptions
{
    public static EventBroadcasterOptions Default { get; } = new();

    /// <summary>Events waiting to be written; more are dropped (and counted) rather than slowing the caller.</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>The same event again within this window bumps the existing Event's count instead of creating one.</summary>
    public TimeSpan AggregationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Aggregation entries kept; the oldest are forgotten first.</summary>
    public int CacheSize { get; init; } = 4096;
}
