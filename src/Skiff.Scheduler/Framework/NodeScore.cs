namespace Skiff.Scheduler.Framework;

public record struct NodeScore(string Name, long Score);
