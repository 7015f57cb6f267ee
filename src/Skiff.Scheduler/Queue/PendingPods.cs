namespace Skiff.Scheduler.Queue;

/// <summary>How many pods wait in each part of the queue (the scheduler_pending_pods gauge).</summary>
public readonly record struct PendingPods(int Active, int Backoff, int Unschedulable);
