using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// Upstream's selectVictimsOnNode: take every lower-priority pod off a copy of the node; if the preemptor fits then,
/// put pods back one at a time, most important first (budget-protected ones before the rest), keeping each that
/// still leaves room. What could not go back are the victims.
/// </summary>
internal static class VictimSelector
{
    public const string NoVictims = "No preemption victims found for incoming pod";

    public static (List<PodInfo> Victims, int NumViolating, Status Status) Select(
        Profile profile, CycleState cycleState, V1Pod pod, int podPriority, NodeInfo original, IReadOnlyList<V1PodDisruptionBudget> pdbs)
    {
        var node = original.Clone();
        var state = cycleState.Clone();
        var potential = node.Pods.Where(p => p.Priority < podPriority).ToList();
        if (potential.Count == 0)
        {
            return ([], 0, Status.Unresolvable(NoVictims));
        }

        foreach (var victim in potential)
        {
            node.RemovePod(victim.Pod);
            var removed = profile.RunPreFilterRemovePod(state, pod, victim, node);
            if (!removed.IsSuccess)
            {
                return ([], 0, removed);
            }
        }

        var fits = profile.RunFilterWithNominatedPods(state, pod, node);
        if (!fits.IsSuccess)
        {
            return ([], 0, fits);
        }

        potential.Sort(PodImportance.Compare);
        var (violating, nonViolating) = PdbViolations.Split(potential, pdbs);
        var victims = new List<PodInfo>();
        var numViolating = 0;

        bool Reprieve(PodInfo candidate)
        {
            node.AddPod(candidate);
            profile.RunPreFilterAddPod(state, pod, candidate, node);
            if (profile.RunFilterWithNominatedPods(state, pod, node).IsSuccess)
            {
                return true;
            }

            node.RemovePod(candidate.Pod);
            profile.RunPreFilterRemovePod(state, pod, candidate, node);
            victims.Add(candidate);
            return false;
        }

        foreach (var candidate in violating)
        {
            if (!Reprieve(candidate))
            {
                numViolating++;
            }
        }

        foreach (var candidate in nonViolating)
        {
            Reprieve(candidate);
        }

        victims.Sort(PodImportance.Compare);
        return (victims, numViolating, Status.Success);
    }
}
