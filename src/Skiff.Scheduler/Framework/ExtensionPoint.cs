namespace Skiff.Scheduler.Framework;

/// <summary>Extension points in upstream's configuration spelling (the keys under <c>profiles[].plugins</c>).</summary>
public enum ExtensionPoint
{
    QueueSort,
    PreFilter,
    Filter,
    PostFilter,
    PreScore,
    Score,
    Reserve,
    PreBind,
    Bind,
    PostBind,
}
