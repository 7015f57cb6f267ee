namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>A scoring strategy: per configured resource, what the node would have handed out and what it has.</summary>
internal delegate long AllocationScore(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable);
