namespace Skiff.ApiServer.Watch;

/// <summary>The watcher fell behind and was cut off; it resumes from the last resourceVersion it saw.</summary>
public sealed class WatchOverflowException : Exception
{
    public WatchOverflowException()
        : base("the watcher fell too far behind and was closed")
    {
    }
}
