namespace Skiff.Scheduler.Plugins.PodTopologySpread;

/// <summary>PodTopologySpreadArgs.defaultingType: upstream's built-in defaults, or the configured list.</summary>
internal enum SpreadDefaulting
{
    System,
    List,
}
