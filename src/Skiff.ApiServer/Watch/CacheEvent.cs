namespace Skiff.ApiServer.Watch;

public enum CacheEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}

/// <summary>
/// A change as the cache saw it. <see cref="Previous"/> is the object before the change, so a watcher with a
/// selector can tell an object entering or leaving its selection.
/// </summary>
public sealed record CacheEvent(CacheEventType Type, CachedObject? Object, CachedObject? Previous, long Revision, bool InitialEventsEnd = false);
