using System.Globalization;
using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// Finds (or creates) the ReplicaSet for the Deployment's current template and keeps revisions in step: the new set
/// gets the highest revision, the Deployment mirrors it.
/// </summary>
internal static class NewReplicaSetSync
{
    public static async Task<(V1ReplicaSet? New, List<V1ReplicaSet> Old)> RunAsync(RolloutContext ctx, bool createIfMissing, CancellationToken ct)
    {
        var existing = ctx.FindNew();
        var old = ctx.FindOld(existing);
        var newRevision = Revisions.Max(old) + 1;
        var created = existing is not null
            ? await SyncExistingAsync(ctx, existing, newRevision, ct)
            : createIfMissing ? await CreateAsync(ctx, old, newRevision, ct) : null;
        return (created, ctx.FindOld(created));
    }

    private static async Task<V1ReplicaSet> SyncExistingAsync(RolloutContext ctx, V1ReplicaSet existing, long newRevision, CancellationToken ct)
    {
        var d = ctx.Deployment;
        var copy = ModelCopy.Of(existing);
        var annotationsChanged = ReplicaSetAnnotations.SetForNewReplicaSet(d, copy, newRevision, exists: true);
        var minReadyChanged = (copy.Spec.MinReadySeconds ?? 0) != (d.Spec.MinReadySeconds ?? 0);
        if (annotationsChanged || minReadyChanged)
        {
            copy.Spec.MinReadySeconds = d.Spec.MinReadySeconds;
            copy = await ctx.Services.Writer.UpdateReplicaSetAsync(copy, ct);
            ctx.Track(copy);
        }

        var revision = copy.Metadata.Annotations?.TryGetValue(DeploymentAnnotations.Revision, out var text) == true ? text : string.Empty;
        var needsUpdate = Revisions.SetOnDeployment(d, revision);

        // A Deployment that gained a progress deadline only now starts counting from the moment its set was found.
        if (Progress.HasDeadline(d) && DeploymentConditions.Get(d.Status, ConditionReasons.Progressing) is null)
        {
            DeploymentConditions.Set(ctx.Status, DeploymentConditions.New(
                ConditionReasons.Progressing, "True", ConditionReasons.FoundNewReplicaSet, $"Found new replica set \"{copy.Metadata.Name}\"", ctx.Now));
            needsUpdate = true;
        }

        if (needsUpdate)
        {
            await ctx.UpdateStatusAsync(ct);
        }

        return copy;
    }

    private static async Task<V1ReplicaSet?> CreateAsync(RolloutContext ctx, List<V1ReplicaSet> old, long newRevision, CancellationToken ct)
    {
        var d = ctx.Deployment;
        var hash = PodTemplates.ComputeHash(d.Spec.Template, d.Status?.CollisionCount);
        var template = PodTemplates.WithHashLabel(d.Spec.Template, hash);
        var selector = ModelCopy.Of(d.Spec.Selector);
        selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? new Dictionary<string, string>())
        {
            [DeploymentAnnotations.PodTemplateHashLabel] = hash,
        };
        var rs = new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                // A name derived from the template makes a retried create collide instead of duplicating the set.
                Name = $"{d.Metadata.Name}-{hash}",
                NamespaceProperty = d.Metadata.NamespaceProperty,
                OwnerReferences = [Ownership.ControllerReference(d)],
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
            },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = 0,
                MinReadySeconds = d.Spec.MinReadySeconds,
                Selector = selector,
                Template = template,
            },
        };
        var replicas = NewSetReplicas(d, [.. old, rs], rs);
        rs.Spec.Replicas = replicas;
        ReplicaSetAnnotations.SetForNewReplicaSet(d, rs, newRevision, exists: false);

        V1ReplicaSet? created;
        try
        {
            created = await ctx.Services.Writer.CreateReplicaSetAsync(rs, ct);
        }
        catch (ApiCallException e) when (!IsNamespaceTerminating(e))
        {
            var message = $"Failed to create new replica set \"{rs.Metadata.Name}\": {e.Message}";
            if (Progress.HasDeadline(d))
            {
                DeploymentConditions.Set(ctx.Status, DeploymentConditions.New(
                    ConditionReasons.Progressing, "False", ConditionReasons.ReplicaSetCreateError, message, ctx.Now));
                await TryUpdateStatusAsync(ctx, ct);
            }

            ctx.Event("Warning", ConditionReasons.ReplicaSetCreateError, message);
            throw;
        }

        var alreadyExisted = created is null;
        if (created is null)
        {
            created = await ResolveExistingAsync(ctx, rs, ct);
        }

        ctx.Track(created);
        if (!alreadyExisted && replicas > 0)
        {
            ctx.Event("Normal", "ScalingReplicaSet", $"Scaled up replica set {created.Metadata.Name} to {replicas}");
        }

        var needsUpdate = Revisions.SetOnDeployment(d, newRevision.ToString(CultureInfo.InvariantCulture));
        if (!alreadyExisted && Progress.HasDeadline(d))
        {
            DeploymentConditions.Set(ctx.Status, DeploymentConditions.New(
                ConditionReasons.Progressing, "True", ConditionReasons.NewReplicaSetCreated, $"Created new replica set \"{created.Metadata.Name}\"", ctx.Now));
            needsUpdate = true;
        }

        if (needsUpdate)
        {
            await ctx.UpdateStatusAsync(ct);
        }

        return created;
    }

    /// <summary>
    /// The name was taken. If by our own set for this template (a slow cache), that is the new set. Otherwise it is a
    /// hash collision: bump collisionCount so the next sync hashes to another name, and fail this one.
    /// </summary>
    private static async Task<V1ReplicaSet> ResolveExistingAsync(RolloutContext ctx, V1ReplicaSet wanted, CancellationToken ct)
    {
        var d = ctx.Deployment;
        var found = ctx.Services.ReplicaSets.Get(wanted.Metadata.NamespaceProperty, wanted.Metadata.Name)
            ?? throw new InvalidOperationException($"replicaset {wanted.Metadata.Name} exists but is not in the cache yet");
        var owner = Ownership.ControllerOf(found);
        if (owner is not null && owner.Uid == d.Metadata.Uid && PodTemplates.EqualIgnoringHash(d.Spec.Template, found.Spec?.Template))
        {
            return ModelCopy.Of(found);
        }

        var status = ctx.Status;
        status.CollisionCount = (status.CollisionCount ?? 0) + 1;
        await ctx.UpdateStatusAsync(ct);
        throw new InvalidOperationException(
            $"replicaset {wanted.Metadata.Name} already exists with another template; collisionCount is now {status.CollisionCount}");
    }

    /// <summary>How many replicas the new set may have now: up to the surge for RollingUpdate, all of them for Recreate.</summary>
    public static int NewSetReplicas(V1Deployment d, IReadOnlyList<V1ReplicaSet?> all, V1ReplicaSet newSet)
    {
        var desired = Replicas.Desired(d);
        if (!Fenceposts.IsRollingUpdate(d))
        {
            return desired;
        }

        var maxTotal = desired + Fenceposts.Scaled(d.Spec.Strategy?.RollingUpdate?.MaxSurge, desired, roundUp: true);
        var current = Replicas.SpecTotal(all);
        if (current >= maxTotal)
        {
            return Replicas.Of(newSet);
        }

        return Replicas.Of(newSet) + Math.Min(maxTotal - current, desired - Replicas.Of(newSet));
    }

    private static bool IsNamespaceTerminating(ApiCallException e) =>
        e.StatusCode == 403 && e.Message.Contains("because it is being terminated", StringComparison.Ordinal);

    private static async Task TryUpdateStatusAsync(RolloutContext ctx, CancellationToken ct)
    {
        try
        {
            await ctx.UpdateStatusAsync(ct);
        }
        catch (ApiCallException)
        {
            // The create failure is the error worth surfacing; a failed status write is retried with it.
        }
    }
}
