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

    private const int MinNodesToParallelize = 32;

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

    /// <summary>
    /// How many threads filter at once. On two cores or fewer the search runs on the scheduling thread alone: the
    /// rest of the process (API server, informers, controllers) needs those cores, and for cheap filters handing
    /// chunks to pool threads costs more than the filtering it spreads.
    /// </summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount > 2 ? Environment.ProcessorCount : 1;

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

        // Asked once per search: a nomination made while the search runs is seen by the next cycle, as one made
        // just after it would be.
        var withNominated = profile.Handle.Nominator?.HasNominatedPods == true;
        return Parallelism > 1 && nodes.Count >= MinNodesToParallelize
            ? FindParallel(profile, state, pod, nodes, numToFind, withNominated, diagnosis, ct)
            : FindSerial(profile, state, pod, nodes, numToFind, withNominated, diagnosis, ct);
    }

    /// <summary>Nodes in turn from where the last search stopped, until enough fit or every node was looked at.</summary>
    private List<NodeInfo> FindSerial(
        Profile profile, CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, int numToFind, bool withNominated, Diagnosis diagnosis,
        CancellationToken ct)
    {
        var count = nodes.Count;
        var feasible = new List<NodeInfo>(numToFind);
        var index = count == 0 ? 0 : _nextStartNodeIndex % count;
        var processed = 0;
        for (; processed < count && feasible.Count < numToFind; processed++)
        {
            if ((processed & 255) == 255)
            {
                ct.ThrowIfCancellationRequested();
            }

            var node = nodes[index];
            index = index + 1 == count ? 0 : index + 1;
            var status = withNominated ? profile.RunFilterWithNominatedPods(state, pod, node) : profile.RunFilter(state, pod, node);
            if (status.IsSuccess)
            {
                feasible.Add(node);
            }
            else if (status.Code == StatusCode.Error)
            {
                throw new SchedulingException(status.Message);
            }
            else
            {
                Record(diagnosis, node.Name, status);
            }
        }

        _nextStartNodeIndex = count == 0 ? 0 : (_nextStartNodeIndex + processed) % count;
        return feasible;
    }

    private List<NodeInfo> FindParallel(
        Profile profile, CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, int numToFind, bool withNominated, Diagnosis diagnosis,
        CancellationToken ct)
    {
        var start = _nextStartNodeIndex;
        var feasible = new NodeInfo[numToFind];
        var feasibleCount = 0;
        var processed = 0;
        var failures = new ConcurrentDictionary<string, Status>(StringComparer.Ordinal);
        var stop = false;
        var chunk = Math.Max(1, nodes.Count / (Parallelism * 8));
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct };
        Parallel.ForEach(Partitioner.Create(0, nodes.Count, chunk), options, (range, loop) =>
        {
            for (var i = range.Item1; i < range.Item2 && !Volatile.Read(ref stop); i++)
            {
                var node = nodes[(start + i) % nodes.Count];
                var status = withNominated ? profile.RunFilterWithNominatedPods(state, pod, node) : profile.RunFilter(state, pod, node);
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

            Record(diagnosis, name, status);
        }

        var found = Math.Min(feasibleCount, numToFind);
        var list = new List<NodeInfo>(found);
        for (var i = 0; i < found; i++)
        {
            list.Add(feasible[i]);
        }

        return list;
    }

    private static void Record(Diagnosis diagnosis, string nodeName, Status status)
    {
        diagnosis.NodeToStatus[nodeName] = status;
        if (status.Plugin is not null)
        {
            diagnosis.UnschedulablePlugins.Add(status.Plugin);
        }
    }
}
