namespace Skiff.Scheduler.Framework;

/// <summary>
/// The amounts NodeResourcesFit and the resource scores read on every node of every cycle, copied out of a
/// <see cref="NodeInfo"/>'s <see cref="Resource"/> objects (which stay the full record, extended resources included)
/// so that those reads stay on the NodeInfo itself instead of visiting three more objects per node.
/// </summary>
public readonly record struct FitCounts(
    int PodCount,
    long AllowedPodNumber,
    long AllocatableMilliCpu,
    long AllocatableMemory,
    long AllocatableEphemeralStorage,
    long RequestedMilliCpu,
    long RequestedMemory,
    long RequestedEphemeralStorage,
    long NonZeroRequestedMilliCpu,
    long NonZeroRequestedMemory)
{
    public static FitCounts Of(int podCount, Resource allocatable, Resource requested, Resource nonZeroRequested) => new(
        podCount,
        allocatable.AllowedPodNumber,
        allocatable.MilliCpu,
        allocatable.Memory,
        allocatable.EphemeralStorage,
        requested.MilliCpu,
        requested.Memory,
        requested.EphemeralStorage,
        nonZeroRequested.MilliCpu,
        nonZeroRequested.Memory);
}
