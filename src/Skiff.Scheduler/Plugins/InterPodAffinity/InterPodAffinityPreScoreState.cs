namespace Skiff.Scheduler.Plugins.InterPodAffinity;

/// <summary>Score per topology key and value, summed over every term that applies; a node scores its domains' sums.</summary>
internal sealed class InterPodAffinityPreScoreState
{
    public Dictionary<string, Dictionary<string, long>> TopologyScore { get; } = new(StringComparer.Ordinal);

    public void Add(string key, string value, long delta)
    {
        if (!TopologyScore.TryGetValue(key, out var values))
        {
            values = new Dictionary<string, long>(StringComparer.Ordinal);
            TopologyScore[key] = values;
        }

        values[value] = values.GetValueOrDefault(value) + delta;
    }
}
