namespace Skiff.Storage;

/// <summary>
/// <see cref="ProgressInterval"/>: how often an idle watch reports progress (null: never).
/// <see cref="BufferSize"/>: events held for a slow consumer before its watch ends with WatchLagging.
/// </summary>
public sealed record WatchOptions(TimeSpan? ProgressInterval = null, int BufferSize = 10_000)
{
    public static readonly WatchOptions Default = new(TimeSpan.FromSeconds(5));
}
