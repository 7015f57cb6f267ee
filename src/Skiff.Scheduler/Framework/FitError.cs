using System.Text;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// The FailedScheduling message in upstream's shape: "0/N nodes are available: " then either the PreFilter's
/// message or the node reasons counted and sorted as strings ("2 Insufficient cpu, 3 node(s) had ..."), then
/// the PostFilter's message ("preemption: ...").
/// </summary>
public sealed class FitError(int numAllNodes, Diagnosis diagnosis)
{
    public int NumAllNodes { get; } = numAllNodes;

    public Diagnosis Diagnosis { get; } = diagnosis;

    public string Message
    {
        get
        {
            // Upstream reports an empty cluster with this bare sentence rather than "0/0 nodes are available".
            if (NumAllNodes == 0)
            {
                return ScheduleAlgorithm.NoNodesAvailable;
            }

            var text = new StringBuilder($"0/{NumAllNodes} nodes are available:");
            if (!string.IsNullOrEmpty(Diagnosis.PreFilterMessage))
            {
                text.Append(' ').Append(Diagnosis.PreFilterMessage).Append('.');
            }
            else
            {
                var histogram = ReasonHistogram(Diagnosis.NodeToStatus.Values);
                if (histogram.Length > 0)
                {
                    text.Append(' ').Append(histogram).Append('.');
                }
            }

            if (!string.IsNullOrEmpty(Diagnosis.PostFilterMessage))
            {
                text.Append(' ').Append(Diagnosis.PostFilterMessage);
            }

            return text.ToString();
        }
    }

    /// <summary>"count reason" for every distinct reason, sorted as Go's sort.Strings does (bytewise).</summary>
    public static string ReasonHistogram(IEnumerable<Status> statuses)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            foreach (var reason in status.Reasons)
            {
                counts[reason] = counts.GetValueOrDefault(reason) + 1;
            }
        }

        var entries = counts.Select(kv => $"{kv.Value} {kv.Key}").ToList();
        entries.Sort(StringComparer.Ordinal);
        return string.Join(", ", entries);
    }
}
