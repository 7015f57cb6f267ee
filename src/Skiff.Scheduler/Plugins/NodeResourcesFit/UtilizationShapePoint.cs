namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>A point of RequestedToCapacityRatio's curve: utilization 0..100 percent, score 0..10.</summary>
internal readonly record struct UtilizationShapePoint(int Utilization, int Score);
