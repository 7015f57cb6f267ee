using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;
using Skiff.Client.Events;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>
/// Keeps the number of pods of a ReplicaSet (or, through its <see cref="IReplicaKind"/>, a ReplicationController) at
/// spec.replicas and reports what it sees in status, as upstream's syncReplicaSet.
/// </summary>
internal sealed class ReplicaSetReconciler(
    IReplicaKind kind,
    ILister<V1Pod> pods,
    IPodControl control,
    PodExpectations expectations,
    IEventRecorder events,
    TimeProvider time,
    ILogger logger) : IReconciler
{
    /// <summary>Upstream's BurstReplicas: the most pods one sync creates or deletes.</summary>
    public const int BurstReplicas = 500;

    private readonly PodClaimer _claimer = new(control);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (kind.Get(key) is not { } owner)
        {
            expectations.Forget(key);
            return ReconcileResult.Done;
        }

        if (owner.Selector is null)
        {
            throw new TerminalReconcileException($"{kind.Kind} {key} has an invalid selector");
        }

        var inNamespace = pods.List(owner.Namespace);
        var needsSync = expectations.Satisfied(key, inNamespace);
        if (!needsSync)
        {
            ReplicaSetLog.Waiting(logger, kind.Kind, key.ToString());
        }

        var active = inNamespace.Where(PodState.IsActive).ToList();
        var claimed = await _claimer.ClaimAsync(owner, active, ct).ConfigureAwait(false);

        Exception? manageError = null;
        if (needsSync && !owner.IsBeingDeleted)
        {
            manageError = await ManageReplicasAsync(owner, claimed, inNamespace, ct).ConfigureAwait(false);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var status = ReplicaStatusCalculator.Compute(owner, claimed, manageError, now);
        await WriteStatusAsync(owner, status, ct).ConfigureAwait(false);
        if (manageError is not null)
        {
            throw manageError;
        }

        var waits = new[] { ReplicaStatusCalculator.UntilNextAvailable(owner, claimed, now), expectations.UntilExpiry(key) }
            .OfType<TimeSpan>()
            .ToList();
        return waits.Count == 0 ? ReconcileResult.Done : ReconcileResult.After(TimeSpan.FromTicks(Math.Max(waits.Min().Ticks, 0)));
    }

    /// <returns>The failure of a create or delete, for the ReplicaFailure condition and the retry; null on success.</returns>
    private async Task<Exception?> ManageReplicasAsync(ReplicaSetView owner, IReadOnlyList<V1Pod> claimed, IReadOnlyList<V1Pod> inNamespace, CancellationToken ct)
    {
        var diff = claimed.Count - owner.Replicas;
        if (diff < 0)
        {
            var count = Math.Min(-diff, BurstReplicas);
            ReplicaSetLog.TooFew(logger, kind.Kind, owner.Key.ToString(), owner.Replicas, count);
            var (_, error) = await SlowStart.RunAsync(count, () => CreatePodAsync(owner, ct)).ConfigureAwait(false);

            // Every create into a terminating namespace fails; there is nothing to report or retry.
            return error is null || ApiErrors.IsNamespaceTerminating(error) ? null : new ManageReplicasException(ApiErrors.Message(error), error);
        }

        if (diff > 0)
        {
            var count = Math.Min(diff, BurstReplicas);
            ReplicaSetLog.TooMany(logger, kind.Kind, owner.Key.ToString(), owner.Replicas, count);
            var victims = DeletionRanking.PickForDeletion(claimed, RelatedPods(owner, inNamespace), count, time.GetUtcNow().UtcDateTime);
            foreach (var pod in victims)
            {
                expectations.ExpectDeletion(owner.Key, pod.Metadata.Uid);
            }

            var errors = await Task.WhenAll(victims.Select(p => DeletePodAsync(owner, p, ct))).ConfigureAwait(false);
            return errors.FirstOrDefault(e => e is not null) is { } error
                ? new ManageReplicasException("unable to delete pods: " + ApiErrors.Message(error), error)
                : null;
        }

        return null;
    }

    private async Task CreatePodAsync(ReplicaSetView owner, CancellationToken ct)
    {
        var template = owner.Template ?? throw new InvalidOperationException($"{kind.Kind} {owner.Key} has no pod template");
        try
        {
            var created = await control.CreatePodAsync(PodTemplates.NewPod(owner, template), ct).ConfigureAwait(false);
            expectations.ExpectCreation(owner.Key, created.Metadata.Uid);
            events.Record(owner.Object, "Normal", "SuccessfulCreate", $"Created pod: {created.Metadata.Name}");
        }
        catch (Exception e) when (ApiErrors.IsTimeout(e))
        {
            // The pod may exist all the same; wait for the cache (or the expectation timeout) before creating again.
            expectations.ExpectCreation(owner.Key, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!ApiErrors.IsNamespaceTerminating(e))
            {
                events.Record(owner.Object, "Warning", "FailedCreate", $"Error creating: {ApiErrors.Message(e)}");
            }

            throw;
        }
    }

    private async Task<Exception?> DeletePodAsync(ReplicaSetView owner, V1Pod pod, CancellationToken ct)
    {
        try
        {
            await control.DeletePodAsync(pod, ct).ConfigureAwait(false);
            events.Record(owner.Object, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No delete event will come for a pod we failed to delete (or that is already gone).
            expectations.DeletionObserved(owner.Key, pod.Metadata.Uid);
            if (ApiErrors.IsNotFound(e))
            {
                return null;
            }

            events.Record(owner.Object, "Warning", "FailedDelete", $"Error deleting: {ApiErrors.Message(e)}");
            return e;
        }
    }

    /// <summary>
    /// Pods of every sibling under the same controller (a Deployment's ReplicaSets), used to spread deletions over
    /// crowded nodes. An owner without a controller has no siblings, and upstream then ranks none.
    /// </summary>
    private List<V1Pod> RelatedPods(ReplicaSetView owner, IReadOnlyList<V1Pod> inNamespace)
    {
        var controller = owner.Object.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
        if (controller is null)
        {
            return [];
        }

        var siblings = kind.List(owner.Namespace)
            .Where(s => s.Object.Metadata.OwnerReferences?.Any(r => r.Controller == true && r.Uid == controller.Uid) == true && s.Selector is not null)
            .ToList();
        return [.. inNamespace.Where(p => siblings.Any(s => s.Selector!.Matches(PodState.Labels(p))))];
    }

    private async Task WriteStatusAsync(ReplicaSetView owner, ReplicaStatus status, CancellationToken ct)
    {
        if (status.SameAs(owner.Status))
        {
            return;
        }

        try
        {
            await control.UpdateStatusAsync(owner, status, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsConflict(e))
        {
            // The cache lagged behind a spec or status write; put the same status on the current object once, as upstream.
            if (await control.ReadOwnerAsync(owner.Key, ct).ConfigureAwait(false) is { } fresh && fresh.Uid == owner.Uid)
            {
                await control.UpdateStatusAsync(fresh, status, ct).ConfigureAwait(false);
            }
        }
    }
}
