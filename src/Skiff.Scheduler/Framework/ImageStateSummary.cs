namespace Skiff.Scheduler.Framework;

/// <summary>An image present on a node: its size and on how many nodes it is (ImageLocality scales by spread).</summary>
public sealed record ImageStateSummary(long SizeBytes, int NumNodes);
