using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.DefaultPreemption;

/// <summary>A node where evicting <see cref="Victims"/> (most important first) lets the preemptor fit.</summary>
public sealed record Candidate(string NodeName, IReadOnlyList<PodInfo> Victims, int NumPdbViolations);
