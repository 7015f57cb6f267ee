using System.Globalization;
using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>The revision numbers kept in ReplicaSet annotations.</summary>
internal static class Revisions
{
    /// <summary>The revision annotation; 0 when absent or not a number (upstream skips such sets).</summary>
    public static long Of(V1ReplicaSet rs) =>
        rs.Metadata?.Annotations is { } annotations
        && annotations.TryGetValue(DeploymentAnnotations.Revision, out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : 0;

    public static long Max(IEnumerable<V1ReplicaSet?> sets) => sets.OfType<V1ReplicaSet>().Select(Of).DefaultIfEmpty(0).Max();

    /// <summary>The second highest revision: what "undo" with no revision goes back to.</summary>
    public static long Previous(IEnumerable<V1ReplicaSet?> sets)
    {
        long max = 0, second = 0;
        foreach (var revision in sets.OfType<V1ReplicaSet>().Select(Of))
        {
            if (revision >= max)
            {
                second = max;
                max = revision;
            }
            else if (revision > second)
            {
                second = revision;
            }
        }

        return second;
    }

    /// <summary>Sets the Deployment's own revision annotation; true if it changed.</summary>
    public static bool SetOnDeployment(V1Deployment d, string revision)
    {
        d.Metadata.Annotations ??= new Dictionary<string, string>();
        if (d.Metadata.Annotations.TryGetValue(DeploymentAnnotations.Revision, out var current) && current == revision)
        {
            return false;
        }

        d.Metadata.Annotations[DeploymentAnnotations.Revision] = revision;
        return true;
    }
}
