using Skiff.Scheduler.Framework;

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
        .Register(DefaultPreemption.DefaultPreemption.PluginName, (_, handle) => new DefaultPreemption.DefaultPreemption(handle, DefaultPreemption.PdbLister.For(handle)));
}
