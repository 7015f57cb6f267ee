using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skiff.Api.Selectors;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// Splits would-be victims into those whose eviction breaks a PodDisruptionBudget and those whose does not, counting
/// down each budget's disruptionsAllowed as upstream's filterPodsWithPDBViolation does.
/// </summary>
internal static class PdbViolations
{
    public static (List<PodInfo> Violating, List<PodInfo> NonViolating) Split(IEnumerable<PodInfo> pods, IReadOnlyList<V1PodDisruptionBudget> pdbs)
    {
        var allowed = pdbs.Select(p => p.Status?.DisruptionsAllowed ?? 0).ToArray();
        var selectors = pdbs.Select(Selector).ToArray();
        var violating = new List<PodInfo>();
        var nonViolating = new List<PodInfo>();
        foreach (var pod in pods)
        {
            var violated = false;
            var labels = pod.Pod.Metadata?.Labels;
            if (labels is { Count: > 0 })
            {
                var view = (IReadOnlyDictionary<string, string>)labels.AsReadOnly();
                for (var i = 0; i < pdbs.Count; i++)
                {
                    var pdb = pdbs[i];
                    if (pdb.Metadata.NamespaceProperty != pod.Pod.Metadata!.NamespaceProperty
                        || selectors[i] is not { IsEverything: false } selector
                        || !selector.Matches(view))
                    {
                        continue;
                    }

                    // A pod the disruption controller already counted as disrupted does not count twice.
                    if (pdb.Status?.DisruptedPods?.ContainsKey(pod.Pod.Metadata.Name) == true)
                    {
                        continue;
                    }

                    allowed[i]--;
                    if (allowed[i] < 0)
                    {
                        violated = true;
                    }
                }
            }

            (violated ? violating : nonViolating).Add(pod);
        }

        return (violating, nonViolating);
    }

    private static LabelSelector? Selector(V1PodDisruptionBudget pdb)
    {
        try
        {
            return pdb.Spec?.Selector is null ? null : LabelSelector.FromJson(JsonNode.Parse(KubernetesJson.Serialize(pdb.Spec.Selector)));
        }
        catch (SelectorParseException)
        {
            return null;
        }
    }
}
