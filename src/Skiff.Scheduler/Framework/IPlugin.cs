namespace Skiff.Scheduler.Framework;

/// <summary>Every plugin has the upstream name that configuration files use ("NodeResourcesFit", "TaintToleration").</summary>
public interface IPlugin
{
    string Name { get; }
}
