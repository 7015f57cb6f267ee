using System.Globalization;
using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>How a Deployment's annotations and revisions are stamped on its ReplicaSets, following upstream's rules.</summary>
internal static class ReplicaSetAnnotations
{
    /// <summary>
    /// Brings the new ReplicaSet's annotations up to date: the Deployment's own annotations (change-cause among
    /// them), the revision (only ever raised), the revision-history of a reused set, and for a set about to be
    /// created the replica annotations. Returns true if anything changed.
    /// </summary>
    public static bool SetForNewReplicaSet(V1Deployment d, V1ReplicaSet rs, long newRevision, bool exists)
    {
        var changed = CopyFromDeployment(d, rs);
        var annotations = rs.Metadata.Annotations!;
        var hadRevision = annotations.TryGetValue(DeploymentAnnotations.Revision, out var oldText);
        long oldRevision = 0;
        if (hadRevision && !long.TryParse(oldText, NumberStyles.None, CultureInfo.InvariantCulture, out oldRevision))
        {
            if (!string.IsNullOrEmpty(oldText))
            {
                // Upstream leaves a set whose revision it cannot read alone.
                return false;
            }
        }

        if (oldRevision < newRevision)
        {
            annotations[DeploymentAnnotations.Revision] = newRevision.ToString(CultureInfo.InvariantCulture);
            changed = true;
            if (hadRevision)
            {
                AppendHistory(annotations, oldText ?? string.Empty);
            }
        }

        if (!exists && SetReplicas(rs, Replicas.Desired(d), Replicas.Desired(d) + Fenceposts.MaxSurge(d)))
        {
            changed = true;
        }

        return changed;
    }

    /// <summary>Sets desired-replicas and max-replicas; true if either changed.</summary>
    public static bool SetReplicas(V1ReplicaSet rs, int desired, int max)
    {
        rs.Metadata.Annotations ??= new Dictionary<string, string>();
        var changed = false;
        foreach (var (key, value) in new[] { (DeploymentAnnotations.DesiredReplicas, desired), (DeploymentAnnotations.MaxReplicas, max) })
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (!rs.Metadata.Annotations.TryGetValue(key, out var current) || current != text)
            {
                rs.Metadata.Annotations[key] = text;
                changed = true;
            }
        }

        return changed;
    }

    public static bool ReplicasNeedUpdate(V1ReplicaSet rs, int desired, int max)
    {
        var annotations = rs.Metadata?.Annotations;
        return annotations is null
            || !annotations.TryGetValue(DeploymentAnnotations.DesiredReplicas, out var d) || d != desired.ToString(CultureInfo.InvariantCulture)
            || !annotations.TryGetValue(DeploymentAnnotations.MaxReplicas, out var m) || m != max.ToString(CultureInfo.InvariantCulture);
    }

    public static int? ReadInt(V1ReplicaSet rs, string key) =>
        rs.Metadata?.Annotations is { } annotations
        && annotations.TryGetValue(key, out var text)
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>
    /// Rollback copies the target set's annotations back onto the Deployment, so the set keeps the change-cause it
    /// was made with instead of inheriting the one of the template being replaced.
    /// </summary>
    public static void CopyToDeployment(V1ReplicaSet from, V1Deployment d)
    {
        var kept = (d.Metadata.Annotations ?? new Dictionary<string, string>())
            .Where(kv => DeploymentAnnotations.IsSkipped(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in from.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (!DeploymentAnnotations.IsSkipped(key))
            {
                kept[key] = value;
            }
        }

        d.Metadata.Annotations = kept;
    }

    private static bool CopyFromDeployment(V1Deployment d, V1ReplicaSet rs)
    {
        rs.Metadata.Annotations ??= new Dictionary<string, string>();
        var changed = false;
        foreach (var (key, value) in d.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            // The set's own revision is authoritative: the Deployment's copy is written later and may be stale.
            if (DeploymentAnnotations.IsSkipped(key)
                || (rs.Metadata.Annotations.TryGetValue(key, out var current) && current == value))
            {
                continue;
            }

            rs.Metadata.Annotations[key] = value;
            changed = true;
        }

        return changed;
    }

    private static void AppendHistory(IDictionary<string, string> annotations, string oldRevision)
    {
        var history = annotations.TryGetValue(DeploymentAnnotations.RevisionHistory, out var text) ? text : string.Empty;
        if (history.Length == 0)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = oldRevision;
            return;
        }

        var entries = history.Split(',').ToList();
        var total = history.Length + oldRevision.Length + 1;
        var start = 0;
        while (total > DeploymentAnnotations.MaxRevisionHistoryChars && start < entries.Count)
        {
            total -= entries[start].Length + 1;
            start++;
        }

        if (total <= DeploymentAnnotations.MaxRevisionHistoryChars)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = string.Join(',', entries.Skip(start).Append(oldRevision));
        }
    }
}
