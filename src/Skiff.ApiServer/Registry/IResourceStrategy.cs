using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// The per-kind rules of the generic registry, as upstream's REST strategies hold them: what a create
/// resets, what an update may touch, when generation moves and how long a delete waits.
/// </summary>
public interface IResourceStrategy
{
    bool TracksGeneration { get; }

    bool HasStatusSubresource { get; }

    /// <summary>Resets what a client may not set on create (status, when status is a subresource).</summary>
    void PrepareForCreate(JsonObject obj);

    /// <summary>Carries over what an update of the main resource may not change (status).</summary>
    void PrepareForUpdate(JsonObject desired, JsonObject live);

    /// <summary>
    /// Keeps everything but status from the live object on a status update. <paramref name="desired"/> is the
    /// caller's own copy; what the result takes from it moves rather than being copied.
    /// </summary>
    JsonObject PrepareForStatusUpdate(JsonObject desired, JsonObject live);

    bool SpecChanged(JsonObject desired, JsonObject live);

    long GracePeriodSeconds(JsonObject live, long? requested);

    void PrepareForDeletion(JsonObject obj);

    /// <summary>Whether something must still run before the object may leave the store.</summary>
    bool FinalizersPending(JsonObject obj);

    /// <summary>
    /// The last step before a create (<paramref name="live"/> null) or update is written, once admission passed
    /// and uid and name are final: values derived from the uid, and allocations (Service IPs and node ports).
    /// </summary>
    Task BeforeWriteAsync(JsonObject desired, JsonObject? live, bool dryRun, CancellationToken ct);

    /// <summary>Undoes <see cref="BeforeWriteAsync"/> when the write did not happen.</summary>
    Task WriteFailedAsync(JsonObject desired, JsonObject? live, CancellationToken ct);

    /// <summary>After an update was written: frees what the old object held and the new one does not.</summary>
    Task AfterUpdateAsync(JsonObject desired, JsonObject live, CancellationToken ct);

    /// <summary>After the object left the store.</summary>
    Task AfterDeleteAsync(JsonObject last, CancellationToken ct);
}
