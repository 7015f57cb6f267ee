namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>NodeResourcesFitArgs.scoringStrategy.type.</summary>
internal enum ScoringStrategyType
{
    LeastAllocated,
    MostAllocated,
    RequestedToCapacityRatio,
}
