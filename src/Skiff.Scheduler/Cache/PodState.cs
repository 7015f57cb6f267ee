using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Cache;

/// <summary>A pod the cache counts on a node; assumed ones expire if their binding finished but was never confirmed.</summary>
internal sealed class PodState(PodInfo pod, string nodeName)
{
    public PodInfo Pod { get; set; } = pod;

    public string NodeName { get; set; } = nodeName;

    public bool Assumed { get; set; }

    public DateTimeOffset? Deadline { get; set; }
}
