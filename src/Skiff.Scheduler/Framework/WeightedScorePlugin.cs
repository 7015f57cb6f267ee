namespace Skiff.Scheduler.Framework;

public sealed record WeightedScorePlugin(IScorePlugin Plugin, int Weight);
