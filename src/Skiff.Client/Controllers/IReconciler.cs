namespace Skiff.Client.Controllers;

/// <summary>
/// One controller's logic: bring the object named by <paramref name="key"/> toward its desired state, reading current
/// state from listers (never from the event that queued the key).
/// </summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct);
}
