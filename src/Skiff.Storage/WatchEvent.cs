namespace Skiff.Storage;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Everything at or before <see cref="WatchEvent.Revision"/> has been delivered.</summary>
    Progress,
}

/// <summary>
/// One change. For Deleted, <see cref="Value"/> is the last value the key had and <see cref="Revision"/>
/// is the delete's revision. For Progress, only <see cref="Revision"/> is meaningful.
/// </summary>
public sealed record WatchEvent(WatchEventType Type, string Key, byte[] Value, long Revision, long CreateRevision)
{
    public static WatchEvent Progress(long revision) => new(WatchEventType.Progress, string.Empty, [], revision, 0);
}
