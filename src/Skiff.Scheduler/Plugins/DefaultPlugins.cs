using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.ImageLocality;
using Skiff.Scheduler.Plugins.InterPodAffinity;
using Skiff.Scheduler.Plugins.NodeAffinity;
using Skiff.Scheduler.Plugins.NodeName;
using Skiff.Scheduler.Plugins.NodePorts;
using Skiff.Scheduler.Plugins.NodeResourcesBalancedAllocation;
using Skiff.Scheduler.Plugins.NodeResourcesFit;
using Skiff.Scheduler.Plugins.NodeUnschedulable;
using Skiff.Scheduler.Plugins.PodTopologySpread;
using Skiff.Scheduler.Plugins.Shared;
using Skiff.Scheduler.Plugins.TaintToleration;
using Skiff.Scheduler.Plugins.VolumeBinding;

namespace Skiff.Scheduler.Plugins;

/// <summary>
/// The in-tree plugins by their upstream names, one line each. Configuration enables them by name; the default
/// profile's set and weights live in Config/DefaultProfile.
/// </summary>
public static class DefaultPlugins
{
    public static PluginRegistry CreateRegistry() => new PluginRegistry()
        .Register(PrioritySort.PrioritySort.PluginName, (_, _) => new PrioritySort.PrioritySort())
        .Register(DefaultBinder.DefaultBinder.PluginName, (_, handle) => new DefaultBinder.DefaultBinder(handle.Client))
        .Register(DefaultPreemption.DefaultPreemption.PluginName, (_, handle) => new DefaultPreemption.DefaultPreemption(handle, DefaultPreemption.PdbLister.For(handle)))
        .Register(NodeUnschedulablePlugin.PluginName, (_, _) => new NodeUnschedulablePlugin())
        .Register(NodeNamePlugin.PluginName, (_, _) => new NodeNamePlugin())
        .Register(TaintTolerationPlugin.PluginName, (_, _) => new TaintTolerationPlugin())
        .Register(NodeAffinityPlugin.PluginName, (args, _) => new NodeAffinityPlugin(NodeAffinityOptions.FromArgs(args)))
        .Register(NodePortsPlugin.PluginName, (_, _) => new NodePortsPlugin())
        .Register(NodeResourcesFitPlugin.PluginName, (args, _) => new NodeResourcesFitPlugin(NodeResourcesFitOptions.FromArgs(args)))
        .Register(VolumeBindingPlugin.PluginName, (_, handle) => new VolumeBindingPlugin(
            HandleListers.Required<V1PersistentVolumeClaim>(handle), HandleListers.Required<V1PersistentVolume>(handle), HandleListers.Optional<V1StorageClass>(handle)))
        .Register(PodTopologySpreadPlugin.PluginName, (args, handle) => new PodTopologySpreadPlugin(
            PodTopologySpreadOptions.FromArgs(args),
            handle.Snapshot,
            new DefaultSpreadSelector(
                HandleListers.Optional<V1Service>(handle),
                HandleListers.Optional<V1ReplicaSet>(handle),
                HandleListers.Optional<V1StatefulSet>(handle),
                HandleListers.Optional<V1ReplicationController>(handle))))
        .Register(InterPodAffinityPlugin.PluginName, (args, handle) => new InterPodAffinityPlugin(
            InterPodAffinityOptions.FromArgs(args), handle.Snapshot, HandleListers.Optional<V1Namespace>(handle)))
        .Register(NodeResourcesBalancedAllocationPlugin.PluginName, (args, _) => new NodeResourcesBalancedAllocationPlugin(NodeResourcesBalancedAllocationOptions.FromArgs(args)))
        .Register(ImageLocalityPlugin.PluginName, (_, handle) => new ImageLocalityPlugin(handle.Snapshot));
}
