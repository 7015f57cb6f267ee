namespace Skiff.Scheduler.Framework;

/// <summary>Outcome of a plugin call, with upstream's meanings.</summary>
public enum StatusCode
{
    Success,

    /// <summary>Something went wrong; the pod is retried with backoff.</summary>
    Error,

    /// <summary>Does not fit now, but preemption on this node might help.</summary>
    Unschedulable,

    /// <summary>Does not fit and preempting pods on this node would not change that.</summary>
    UnschedulableAndUnresolvable,

    /// <summary>A Permit plugin holds the pod.</summary>
    Wait,

    /// <summary>The plugin has nothing to do for this pod (PreFilter/PreScore), so its Filter/Score is skipped.</summary>
    Skip,
}
