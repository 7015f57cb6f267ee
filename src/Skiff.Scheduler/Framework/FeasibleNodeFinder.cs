using System.Collections.Concurrent;
using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// Filters nodes in parallel and stops once enough feasible ones are found (upstream's percentageOfNodesToScore);
/// each search starts where the previous one stopped, so every node gets its turn.
/// </summary>
public sealed class FeasibleNodeFinder
{
    public const int MinFeasibleNodesToFind = 100;
    public const int MinFeasibleNodesPercentageToFind = 5;

    private int _nextStartNodeIndex;

    /// <summary>The global percentageOfNodesToScore (0 = adaptive), overridden by a profile's own.</summary>
    public int DefaultPercentageOfNodesToScore { get; init; }

    public int NextStartNodeIndex => _nextStartNodeIndex;

    /// <summary>Upstream's numFeasibleNodesToFind: all of a small cluster, else a share that shrinks as it grows.</summary>
    public static int NumFeasibleNodesToFind(int numAllNodes, int percentage)
    {
        if (numAllNodes < MinFeasibleNodesToFind)
        {
            return numAllNodes;
        }

        if (percentage == 0)
        {
            percentage = 50 - (numAllNodes / 125);
            if (percentage < MinFeasibleNodesPercentageToFind)
            {
                percentage = MinFeasibleNodesPercentageToFind;
            }
        }

        if (percentage >= 100)
        {
            return numAllNodes;
        }

        var num = numAllNodes * percentage / 100;
        return num < MinFeasibleNodesToFind ? MinFeasibleNodesToFind : num;
    }

    /// <summary>Returns the feasible nodes found; rejected nodes' statuses go into <paramref name="diagnosis"/>.</summary>
    public List<NodeInfo> Find(Profile profile, CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, Diagnosis diagnosis, CancellationToken ct)
    {
        var percentage = profile.PercentageOfNodesToScore != 0 ? profile.PercentageOfNodesToScore : DefaultPercentageOfNodesToScore;
        var numToFind = NumFeasibleNodesToFind(nodes.Count, percentage);
        if (profile.Filters.Count == 0)
        {
            var all = new List<NodeInfo>(numToFind);
            for (var i = 0; i < numToFind; i++)
            {
                all.Add(nodes[(_nextStartNodeIndex + i) % nodes.Count]);
            }

            _nextStartNodeIndex = (_nextStartNodeIndex + numToFind) % Math.Max(1, nodes.Count);
            return all;
        }

        var start = _nextStartNodeIndex;
        var feasible = new NodeInfo[numToFind];
        var feasibleCount = 0;
        var processed = 0;
        var failures = new ConcurrentDictionary<string, Status>(StringComparer.Ordinal);
        var stop = false;
        var chunk = Math.Max(1, nodes.Count / (Environment.ProcessorCount * 8));
        var options = Profile.ParallelOptionsFor(nodes.Count);
        options.CancellationToken = ct;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, nodes.Count, chunk), options, (range, loop) =>
        {
            for (var i = range.Item1; i < range.Item2 && !Volatile.Read(ref stop); i++)
            {
                var node = nodes[(start + i) % nodes.Count];
                var status = profile.RunFilterWithNominatedPods(state, pod, node);
                if (status.IsSuccess)
                {
                    var slot = Interlocked.Increment(ref feasibleCount);
                    if (slot > numToFind)
                    {
                        Volatile.Write(ref stop, true);
                        loop.Stop();
                        return;
                    }

                    feasible[slot - 1] = node;
                }
                else
                {
                    failures[node.Name] = status;
                }

                Interlocked.Increment(ref processed);
            }
        });

        _nextStartNodeIndex = nodes.Count == 0 ? 0 : (start + processed) % nodes.Count;
        foreach (var (name, status) in failures)
        {
            if (status.Code == StatusCode.Error)
            {
                throw new SchedulingException(status.Message);
            }

            diagnosis.NodeToStatus[name] = status;
            if (status.Plugin is not null)
            {
                diagnosis.UnschedulablePlugins.Add(status.Plugin);
            }
        }

        var found = Math.Min(feasibleCount, numToFind);
        return [.. feasible.Take(found)];
    }
}
