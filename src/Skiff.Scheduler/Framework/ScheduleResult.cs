namespace Skiff.Scheduler.Framework;

/// <summary>A cycle's outcome: the chosen node, or why none fits (<see cref="FitError"/>).</summary>
public sealed record ScheduleResult(string? SuggestedHost, int EvaluatedNodes, int FeasibleNodes, FitError? FitError);
