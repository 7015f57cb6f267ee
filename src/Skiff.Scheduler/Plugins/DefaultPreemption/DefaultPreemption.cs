using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// PostFilter preemption as upstream's DefaultPreemption: find nodes where evicting lower-priority pods makes room,
/// pick one by upstream's ordering, evict its victims and nominate the node; the pod is scheduled there once the
/// victims are gone.
/// </summary>
public sealed class DefaultPreemption(FrameworkHandle handle, Func<IReadOnlyList<V1PodDisruptionBudget>>? pdbs = null, Random? random = null) : IPostFilterPlugin
{
    public const string PluginName = "DefaultPreemption";
    public const string NotHelpful = "Preemption is not helpful for scheduling";

    // Upstream's DefaultPreemptionArgs defaults: dry-run at least this share or count of nodes.
    public const int MinCandidateNodesPercentage = 10;
    public const int MinCandidateNodesAbsolute = 100;

    private readonly Random _random = random ?? Random.Shared;

    public string Name => PluginName;

    public async Task<(string? NominatedNode, Status Status)> PostFilterAsync(
        CycleState state, V1Pod pod, IReadOnlyDictionary<string, Status> filteredNodeStatuses, CancellationToken ct)
    {
        var profile = handle.Profile ?? throw new InvalidOperationException("preemption runs inside a profile");
        var priority = pod.Spec?.Priority ?? 0;
        if (pod.Spec?.PreemptionPolicy == "Never")
        {
            return (null, Status.Unschedulable("preemption: not eligible due to preemptionPolicy=Never."));
        }

        if (HasTerminatingVictimOnNominatedNode(pod, priority))
        {
            return (null, Status.Unschedulable("preemption: not eligible due to a terminating pod on the nominated node."));
        }

        var (candidates, statuses) = FindCandidates(profile, state, pod, priority, filteredNodeStatuses);
        var best = CandidatePicker.Pick(candidates);
        if (best is null)
        {
            var diagnosis = new Diagnosis();
            foreach (var (name, status) in statuses)
            {
                diagnosis.NodeToStatus[name] = status;
            }

            // An empty nominated node clears a nomination the pod may carry from an earlier preemption.
            return (string.Empty, Status.Unschedulable("preemption: " + new FitError(statuses.Count, diagnosis).Message));
        }

        await EvictAsync(pod, best, ct).ConfigureAwait(false);
        return (best.NodeName, Status.Success);
    }

    /// <summary>Dry-runs preemption on the nodes where it might help, stopping after enough candidates.</summary>
    public (List<Candidate> Candidates, Dictionary<string, Status> Statuses) FindCandidates(
        Profile profile, CycleState state, V1Pod pod, int priority, IReadOnlyDictionary<string, Status> filteredNodeStatuses)
    {
        var statuses = new ConcurrentDictionary<string, Status>(StringComparer.Ordinal);
        var potential = new List<NodeInfo>();
        foreach (var node in handle.Snapshot.List())
        {
            if (filteredNodeStatuses.TryGetValue(node.Name, out var status) && status.Code == StatusCode.UnschedulableAndUnresolvable)
            {
                statuses[node.Name] = Status.Unresolvable(NotHelpful);
            }
            else
            {
                potential.Add(node);
            }
        }

        var candidates = new ConcurrentBag<Candidate>();
        if (potential.Count == 0)
        {
            return ([], new Dictionary<string, Status>(statuses, StringComparer.Ordinal));
        }

        var budgets = pdbs?.Invoke() ?? [];
        var wanted = NumCandidates(potential.Count);
        var offset = _random.Next(potential.Count);
        var found = 0;
        Parallel.For(0, potential.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, loop) =>
        {
            var node = potential[(offset + i) % potential.Count];
            var (victims, violating, status) = VictimSelector.Select(profile, state, pod, priority, node, budgets);
            if (status.IsSuccess)
            {
                candidates.Add(new Candidate(node.Name, victims, violating));
                if (Interlocked.Increment(ref found) >= wanted)
                {
                    loop.Stop();
                }
            }
            else
            {
                statuses[node.Name] = status;
            }
        });

        return ([.. candidates.OrderBy(c => c.NodeName, StringComparer.Ordinal)], new Dictionary<string, Status>(statuses, StringComparer.Ordinal));
    }

    public static int NumCandidates(int numNodes)
    {
        var n = numNodes * MinCandidateNodesPercentage / 100;
        if (n < MinCandidateNodesAbsolute)
        {
            n = MinCandidateNodesAbsolute;
        }

        return Math.Min(n, numNodes);
    }

    private bool HasTerminatingVictimOnNominatedNode(V1Pod pod, int priority)
    {
        var nominated = pod.Status?.NominatedNodeName;
        if (string.IsNullOrEmpty(nominated) || handle.Snapshot.Get(nominated) is not { } node)
        {
            return false;
        }

        return node.Pods.Any(p => p.Pod.Metadata?.DeletionTimestamp is not null && p.Priority < priority);
    }

    private async Task EvictAsync(V1Pod preemptor, Candidate candidate, CancellationToken ct)
    {
        if (handle.Client is not { } client)
        {
            return;
        }

        foreach (var victim in candidate.Victims)
        {
            var meta = victim.Pod.Metadata;
            await MarkDisruptionTargetAsync(client, victim.Pod, ct).ConfigureAwait(false);
            try
            {
                await client.CoreV1.DeleteNamespacedPodAsync(meta.Name, meta.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Already gone: exactly what preemption wanted.
            }
        }

        // Lower-priority pods nominated to this node lose their claim, as upstream clears their nominatedNodeName.
        foreach (var nominated in handle.Nominator?.NominatedPodsForNode(candidate.NodeName) ?? [])
        {
            if (nominated.Priority < (preemptor.Spec?.Priority ?? 0) && nominated.Uid != preemptor.Metadata.Uid)
            {
                await PatchStatusAsync(client, nominated.Pod, "{\"status\":{\"nominatedNodeName\":null}}", ct).ConfigureAwait(false);
            }
        }
    }

    private Task MarkDisruptionTargetAsync(IKubernetes client, V1Pod victim, CancellationToken ct)
    {
        var now = handle.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var message = System.Text.Json.JsonSerializer.Serialize($"{handle.ProfileName}: preempting to accommodate a higher priority pod");
        var patch = "{\"status\":{\"conditions\":[{\"type\":\"DisruptionTarget\",\"status\":\"True\",\"reason\":\"PreemptionByScheduler\",\"message\":"
            + message + ",\"lastTransitionTime\":\"" + now + "\"}]}}";
        return PatchStatusAsync(client, victim, patch, ct);
    }

    private static async Task PatchStatusAsync(IKubernetes client, V1Pod pod, string patch, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.PatchNamespacedPodStatusAsync(
                new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            // Best effort, as upstream: the deletion that follows is what frees the room.
        }
    }
}
