using k8s.Models;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>
/// Decides which pods an owner controls, as upstream's ControllerRefManager: it keeps its own pods that still match,
/// releases its own pods that stopped matching, and adopts orphans that match, never while it is being deleted.
/// </summary>
internal sealed class PodClaimer(IPodControl control)
{
    /// <param name="pods">Active pods of the owner's namespace.</param>
    /// <returns>The pods the owner controls after adopting and releasing.</returns>
    public async Task<IReadOnlyList<V1Pod>> ClaimAsync(ReplicaSetView owner, IReadOnlyList<V1Pod> pods, CancellationToken ct)
    {
        var selector = owner.Selector ?? throw new InvalidOperationException($"{owner.Kind} {owner.Key} has an invalid selector");
        var claimed = new List<V1Pod>();
        var errors = new List<Exception>();
        Task? adoptable = null;
        foreach (var pod in pods)
        {
            var matches = selector.Matches(PodState.Labels(pod));
            if (PodState.ControllerOf(pod) is { } controller)
            {
                if (controller.Uid != owner.Uid)
                {
                    continue;
                }

                if (matches)
                {
                    claimed.Add(pod);
                }
                else if (!owner.IsBeingDeleted)
                {
                    await TryAsync(() => control.ReleasePodAsync(pod, owner.Uid, ct), errors).ConfigureAwait(false);
                }

                continue;
            }

            if (owner.IsBeingDeleted || !matches || pod.Metadata.DeletionTimestamp is not null || pod.Metadata.NamespaceProperty != owner.Namespace)
            {
                continue;
            }

            // The cache may still show an owner that was just deleted, or deleted and recreated under the same name:
            // one quorum read per sync, before the first adoption, keeps us from adopting into a dying owner.
            adoptable ??= EnsureAdoptableAsync(owner, ct);
            var adopted = await TryAsync(
                async () =>
                {
                    await adoptable.ConfigureAwait(false);
                    await control.AdoptPodAsync(pod, owner.ControllerReference(), ct).ConfigureAwait(false);
                },
                errors).ConfigureAwait(false);
            if (adopted)
            {
                claimed.Add(pod);
            }
        }

        if (errors.Count > 0)
        {
            throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
        }

        return claimed;
    }

    private async Task EnsureAdoptableAsync(ReplicaSetView owner, CancellationToken ct)
    {
        var fresh = await control.ReadOwnerAsync(owner.Key, ct).ConfigureAwait(false);
        if (fresh is null || fresh.Uid != owner.Uid)
        {
            throw new InvalidOperationException($"original {owner.Kind} {owner.Key} is gone: got uid {fresh?.Uid}, wanted {owner.Uid}");
        }

        if (fresh.Object.Metadata.DeletionTimestamp is { } deleted)
        {
            throw new InvalidOperationException($"{owner.Key} has just been deleted at {deleted:O}");
        }
    }

    /// <returns>True when the write succeeded; a pod already gone is skipped, any other failure collected.</returns>
    private static async Task<bool> TryAsync(Func<Task> write, List<Exception> errors)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            errors.Add(e);
            return false;
        }
    }
}
