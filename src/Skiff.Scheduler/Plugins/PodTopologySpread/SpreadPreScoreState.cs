namespace Skiff.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// Per ScheduleAnyway constraint: matching pods per domain of the candidate nodes (hostname is counted per node at
/// Score time) and the weight log(domains + 2) that keeps constraints with many domains from dominating.
/// </summary>
internal sealed class SpreadPreScoreState(List<SpreadConstraint> constraints, HashSet<string> ignoredNodes)
{
    public List<SpreadConstraint> Constraints => constraints;

    /// <summary>Candidates missing a topology key; they score 0.</summary>
    public HashSet<string> IgnoredNodes => ignoredNodes;

    public Dictionary<string, long>[] PodCounts { get; } = NewCounts(constraints.Count);

    public double[] Weights { get; } = new double[constraints.Count];

    private static Dictionary<string, long>[] NewCounts(int count)
    {
        var counts = new Dictionary<string, long>[count];
        for (var i = 0; i < count; i++)
        {
            counts[i] = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        return counts;
    }
}
