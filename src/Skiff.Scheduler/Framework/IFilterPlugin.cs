using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>Called for many nodes at once from several threads: keep it free of shared mutable state.</summary>
public interface IFilterPlugin : IPlugin
{
    Status Filter(CycleState state, V1Pod pod, NodeInfo node);
}
