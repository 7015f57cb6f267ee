namespace Skiff.Scheduler.Framework;

/// <summary>A plugin failed (Status Error), not a pod that does not fit; the pod backs off and is retried.</summary>
public sealed class SchedulingException(string message) : Exception(message);
