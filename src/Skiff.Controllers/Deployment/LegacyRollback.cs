using System.Globalization;
using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// Rollback requested through the deprecated.deployment.rollback.to annotation (the old rollbackTo field). kubectl
/// 1.27+ rolls back on its own by patching the template, which needs nothing from here.
/// </summary>
internal static class LegacyRollback
{
    /// <summary>The requested revision (0 means the previous one); null when none is requested or it is not a number.</summary>
    public static long? RevisionOf(V1Deployment d) =>
        d.Metadata.Annotations?.TryGetValue(DeploymentAnnotations.DeprecatedRollbackTo, out var text) == true
        && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;

    public static async Task RunAsync(RolloutContext ctx, CancellationToken ct)
    {
        var (newSet, old) = await NewReplicaSetSync.RunAsync(ctx, createIfMissing: true, ct);
        List<V1ReplicaSet> all = [.. old, .. newSet is null ? Array.Empty<V1ReplicaSet>() : [newSet]];
        var d = ctx.Deployment;
        var revision = RevisionOf(d) ?? 0;
        if (revision == 0)
        {
            revision = Revisions.Previous(all);
            if (revision == 0)
            {
                ctx.Event("Warning", ConditionReasons.RollbackRevisionNotFound, "Unable to find last revision.");
                await ClearAndUpdateAsync(ctx, ct);
                return;
            }
        }

        var target = all.FirstOrDefault(rs => Revisions.Of(rs) == revision);
        if (target is null)
        {
            ctx.Event("Warning", ConditionReasons.RollbackRevisionNotFound, "Unable to find the revision to rollback to.");
            await ClearAndUpdateAsync(ctx, ct);
            return;
        }

        if (PodTemplates.EqualIgnoringHash(d.Spec.Template, target.Spec?.Template))
        {
            ctx.Event("Warning", ConditionReasons.RollbackTemplateUnchanged,
                $"The rollback revision contains the same template as current deployment \"{d.Metadata.Name}\"");
            await ClearAndUpdateAsync(ctx, ct);
            return;
        }

        var template = ModelCopy.Of(target.Spec!.Template);
        template.Metadata?.Labels?.Remove(DeploymentAnnotations.PodTemplateHashLabel);
        d.Spec.Template = template;

        // The target's change-cause comes back with its template; otherwise the reused set would inherit the current one.
        ReplicaSetAnnotations.CopyToDeployment(target, d);
        await ClearAndUpdateAsync(ctx, ct);
        ctx.Event("Normal", ConditionReasons.RollbackDone, $"Rolled back deployment \"{d.Metadata.Name}\" to revision {revision}");
    }

    private static async Task ClearAndUpdateAsync(RolloutContext ctx, CancellationToken ct)
    {
        ctx.Deployment.Metadata.Annotations?.Remove(DeploymentAnnotations.DeprecatedRollbackTo);
        await ctx.UpdateDeploymentAsync(ct);
    }
}
