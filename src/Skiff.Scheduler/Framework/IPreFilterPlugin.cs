using k8s.Models;

namespace Skiff.Scheduler.Framework;

public interface IPreFilterPlugin : IPlugin
{
    (PreFilterResult? Result, Status Status) PreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes);

    /// <summary>Preemption asks how the precomputed state changes if a pod were added to or removed from a node.</summary>
    Status AddPod(CycleState state, V1Pod podToSchedule, PodInfo podToAdd, NodeInfo node) => Status.Success;

    Status RemovePod(CycleState state, V1Pod podToSchedule, PodInfo podToRemove, NodeInfo node) => Status.Success;
}
