using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.PrioritySort;

namespace Skiff.Scheduler.Tests.Fakes;

/// <summary>Builds profiles from given plugin instances through the real registry and multiPoint expansion.</summary>
internal static class TestProfiles
{
    public static (PluginRegistry Registry, ProfileConfig Config) With(params (IPlugin Plugin, int Weight)[] plugins)
    {
        var registry = new PluginRegistry().Register(PrioritySort.PluginName, (_, _) => new PrioritySort());
        var config = new ProfileConfig();
        config.MultiPoint.Add(new PluginRef(PrioritySort.PluginName));
        foreach (var (plugin, weight) in plugins)
        {
            registry.Register(plugin.Name, (_, _) => plugin);
            config.MultiPoint.Add(new PluginRef(plugin.Name, weight));
        }

        if (!plugins.Any(p => p.Plugin is IBindPlugin))
        {
            var binder = new FakeBinder();
            registry.Register(binder.Name, (_, _) => binder);
            config.MultiPoint.Add(new PluginRef(binder.Name));
        }

        return (registry, config);
    }

    public static Profile Build(INodeInfoLister snapshot, params (IPlugin Plugin, int Weight)[] plugins)
    {
        var (registry, config) = With(plugins);
        return Profile.Build(config, registry, new FrameworkHandle { Snapshot = snapshot });
    }
}
