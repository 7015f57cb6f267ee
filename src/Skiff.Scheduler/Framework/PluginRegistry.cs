namespace Skiff.Scheduler.Framework;

/// <summary>
/// Every plugin the scheduler knows, by the name configuration files use. A profile instantiates the names it
/// enables; a name that is not registered is a configuration error.
/// </summary>
public sealed class PluginRegistry
{
    private readonly Dictionary<string, PluginFactory> _factories = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _factories.Keys;

    public PluginRegistry Register(string name, PluginFactory factory)
    {
        if (!_factories.TryAdd(name, factory))
        {
            throw new InvalidOperationException($"a plugin named {name} is already registered");
        }

        return this;
    }

    public bool Contains(string name) => _factories.ContainsKey(name);

    public PluginFactory Get(string name) =>
        _factories.TryGetValue(name, out var factory) ? factory : throw new KeyNotFoundException($"plugin {name} does not exist");
}
