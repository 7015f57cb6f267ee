namespace Skiff.Client.Controllers;

/// <summary>
/// What a reconcile asks of the queue afterwards. Errors are thrown, not returned: the runner backs the key off
/// exponentially, so each controller does not decide retry policy on its own.
/// </summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done => default;

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
