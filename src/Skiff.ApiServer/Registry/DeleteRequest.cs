namespace Skiff.ApiServer.Registry;

/// <summary>The parts of meta/v1 DeleteOptions that change what a delete does.</summary>
public sealed record DeleteRequest(
    long? GracePeriodSeconds = null,
    string? PropagationPolicy = null,
    string? PreconditionUid = null,
    string? PreconditionResourceVersion = null)
{
    /// <summary>The deprecated orphanDependents=false, which alone makes a pending delete answer 202.</summary>
    public bool OrphanDependentsFalse { get; init; }
}
