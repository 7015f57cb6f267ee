using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// One scheduling profile (upstream's framework instance): the plugins of each extension point, in order, and how to
/// run them. Built from a <see cref="ProfileConfig"/> and a <see cref="PluginRegistry"/>; a plugin named at several
/// points is one instance.
/// </summary>
public sealed class Profile
{
    private const string SkipFilterKey = "__skiff/SkipFilterPlugins";
    private const string SkipScoreKey = "__skiff/SkipScorePlugins";

    private Profile(string schedulerName, FrameworkHandle handle)
    {
        SchedulerName = schedulerName;
        Handle = handle;
    }

    public string SchedulerName { get; }

    public FrameworkHandle Handle { get; }

    public IQueueSortPlugin QueueSort { get; private set; } = null!;

    public IReadOnlyList<IPreFilterPlugin> PreFilters { get; private set; } = [];

    public IReadOnlyList<IFilterPlugin> Filters { get; private set; } = [];

    public IReadOnlyList<IPostFilterPlugin> PostFilters { get; private set; } = [];

    public IReadOnlyList<IPreScorePlugin> PreScores { get; private set; } = [];

    public IReadOnlyList<WeightedScorePlugin> Scores { get; private set; } = [];

    public IReadOnlyList<IReservePlugin> Reserves { get; private set; } = [];

    public IReadOnlyList<IPreBindPlugin> PreBinds { get; private set; } = [];

    public IReadOnlyList<IBindPlugin> Binds { get; private set; } = [];

    public IReadOnlyList<IPostBindPlugin> PostBinds { get; private set; } = [];

    /// <summary>0 means the adaptive default (see <see cref="FeasibleNodeFinder"/>).</summary>
    public int PercentageOfNodesToScore { get; private set; }

    public static Profile Build(ProfileConfig config, PluginRegistry registry, FrameworkHandle handle)
    {
        var profile = new Profile(config.SchedulerName, handle) { PercentageOfNodesToScore = config.PercentageOfNodesToScore };
        var instances = new Dictionary<string, IPlugin>(StringComparer.Ordinal);
        IPlugin? Instance(PluginRef plugin)
        {
            if (instances.TryGetValue(plugin.Name, out var existing))
            {
                return existing;
            }

            if (!registry.Contains(plugin.Name))
            {
                return config.Optional.Contains(plugin.Name)
                    ? null
                    : throw new InvalidOperationException($"profile {config.SchedulerName}: plugin {plugin.Name} does not exist");
            }

            System.Text.Json.JsonElement? args = config.PluginArgs.TryGetValue(plugin.Name, out var a) ? a : null;
            var created = registry.Get(plugin.Name)(args, handle);
            instances[plugin.Name] = created;
            return created;
        }

        List<T> Resolve<T>(ExtensionPoint point)
            where T : class, IPlugin
        {
            var result = new List<T>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var disabled = config.Disabled.GetValueOrDefault(point) ?? [];
            foreach (var plugin in config.Enabled.GetValueOrDefault(point) ?? [])
            {
                if (Instance(plugin) is T typed && names.Add(plugin.Name))
                {
                    result.Add(typed);
                }
                else if (registry.Contains(plugin.Name) && instances[plugin.Name] is not T)
                {
                    throw new InvalidOperationException($"profile {config.SchedulerName}: plugin {plugin.Name} does not extend {point}");
                }
            }

            if (disabled.Contains("*"))
            {
                return result;
            }

            foreach (var plugin in config.MultiPoint)
            {
                if (!disabled.Contains(plugin.Name) && !names.Contains(plugin.Name) && Instance(plugin) is T typed)
                {
                    names.Add(plugin.Name);
                    result.Add(typed);
                }
            }

            return result;
        }

        var queueSorts = Resolve<IQueueSortPlugin>(ExtensionPoint.QueueSort);
        profile.QueueSort = queueSorts.Count == 1
            ? queueSorts[0]
            : throw new InvalidOperationException($"profile {config.SchedulerName}: exactly one queueSort plugin must be enabled, found {queueSorts.Count}");
        profile.PreFilters = Resolve<IPreFilterPlugin>(ExtensionPoint.PreFilter);
        profile.Filters = Resolve<IFilterPlugin>(ExtensionPoint.Filter);
        profile.PostFilters = Resolve<IPostFilterPlugin>(ExtensionPoint.PostFilter);
        profile.PreScores = Resolve<IPreScorePlugin>(ExtensionPoint.PreScore);
        var scores = Resolve<IScorePlugin>(ExtensionPoint.Score);
        profile.Scores = [.. scores.Select(s => new WeightedScorePlugin(s, ScoreWeight(config, s.Name)))];
        profile.Reserves = Resolve<IReservePlugin>(ExtensionPoint.Reserve);
        profile.PreBinds = Resolve<IPreBindPlugin>(ExtensionPoint.PreBind);
        profile.Binds = Resolve<IBindPlugin>(ExtensionPoint.Bind);
        if (profile.Binds.Count == 0)
        {
            throw new InvalidOperationException($"profile {config.SchedulerName}: at least one bind plugin is needed");
        }

        profile.PostBinds = Resolve<IPostBindPlugin>(ExtensionPoint.PostBind);
        handle.Profile = profile;
        return profile;
    }

    /// <summary>A weight given at the score point wins over one given under multiPoint; upstream's default is 1.</summary>
    private static int ScoreWeight(ProfileConfig config, string name)
    {
        var specific = config.Enabled.GetValueOrDefault(ExtensionPoint.Score)?.FirstOrDefault(p => p.Name == name)?.Weight ?? 0;
        if (specific > 0)
        {
            return specific;
        }

        var multi = config.MultiPoint.FirstOrDefault(p => p.Name == name)?.Weight ?? 0;
        return multi > 0 ? multi : 1;
    }

    /// <summary>
    /// Runs every PreFilter. A rejection ends the cycle for all nodes; plugins that answer Skip have their Filter
    /// skipped; node sets from several plugins are intersected.
    /// </summary>
    public (PreFilterResult? Result, Status Status) RunPreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        PreFilterResult? merged = null;
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        var narrowedBy = new List<string>();
        foreach (var plugin in PreFilters)
        {
            var (result, status) = plugin.PreFilter(state, pod, nodes);
            if (status.Code == StatusCode.Skip)
            {
                skipped.Add(plugin.Name);
                continue;
            }

            if (!status.IsSuccess)
            {
                return (null, status.Plugin is null ? status.WithPlugin(plugin.Name) : status);
            }

            if (result?.NodeNames is { } names)
            {
                narrowedBy.Add(plugin.Name);
                merged = merged?.NodeNames is { } previous
                    ? new PreFilterResult(previous.Where(names.Contains).ToHashSet(StringComparer.Ordinal))
                    : new PreFilterResult(names);
                if (merged.NodeNames!.Count == 0)
                {
                    narrowedBy.Sort(StringComparer.Ordinal);
                    return (merged, Status.Unresolvable($"node(s) didn't satisfy plugin(s) [{string.Join(" ", narrowedBy)}] simultaneously").WithPlugin(plugin.Name));
                }
            }
        }

        state.Write(SkipFilterKey, skipped);
        return (merged, Status.Success);
    }

    /// <summary>Filters one node, stopping at the first plugin that rejects it.</summary>
    public Status RunFilter(CycleState state, V1Pod pod, NodeInfo node)
    {
        var skipped = state.Read<HashSet<string>>(SkipFilterKey);
        foreach (var plugin in Filters)
        {
            if (skipped is not null && skipped.Contains(plugin.Name))
            {
                continue;
            }

            var status = plugin.Filter(state, pod, node);
            if (!status.IsSuccess)
            {
                return status.Plugin is null ? status.WithPlugin(plugin.Name) : status;
            }
        }

        return Status.Success;
    }

    /// <summary>
    /// Upstream's two passes: with the nominated pods of equal or higher priority counted on the node (they will
    /// take their room there), then without them (pod affinity might need them gone). Both must pass.
    /// </summary>
    public Status RunFilterWithNominatedPods(CycleState state, V1Pod pod, NodeInfo node)
    {
        var nominated = Handle.Nominator?.NominatedPodsForNode(node.Name) ?? [];
        var priority = pod.Spec?.Priority ?? 0;
        List<PodInfo>? toAdd = null;
        foreach (var other in nominated)
        {
            if (other.Priority >= priority && other.Uid != pod.Metadata?.Uid)
            {
                (toAdd ??= []).Add(other);
            }
        }

        if (toAdd is null)
        {
            return RunFilter(state, pod, node);
        }

        var withNominated = node.Clone();
        var stateWithNominated = state.Clone();
        foreach (var other in toAdd)
        {
            withNominated.AddPod(other);
            var added = RunPreFilterAddPod(stateWithNominated, pod, other, withNominated);
            if (!added.IsSuccess)
            {
                return added;
            }
        }

        var first = RunFilter(stateWithNominated, pod, withNominated);
        return first.IsSuccess ? RunFilter(state, pod, node) : first;
    }

    public Status RunPreFilterAddPod(CycleState state, V1Pod podToSchedule, PodInfo podToAdd, NodeInfo node)
    {
        var skipped = state.Read<HashSet<string>>(SkipFilterKey);
        foreach (var plugin in PreFilters)
        {
            if (skipped?.Contains(plugin.Name) == true)
            {
                continue;
            }

            var status = plugin.AddPod(state, podToSchedule, podToAdd, node);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        return Status.Success;
    }

    public Status RunPreFilterRemovePod(CycleState state, V1Pod podToSchedule, PodInfo podToRemove, NodeInfo node)
    {
        var skipped = state.Read<HashSet<string>>(SkipFilterKey);
        foreach (var plugin in PreFilters)
        {
            if (skipped?.Contains(plugin.Name) == true)
            {
                continue;
            }

            var status = plugin.RemovePod(state, podToSchedule, podToRemove, node);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        return Status.Success;
    }

    /// <summary>Runs PostFilter plugins until one succeeds or fails hard; the last verdict is kept for the message.</summary>
    public async Task<(string? NominatedNode, Status Status)> RunPostFilterAsync(
        CycleState state, V1Pod pod, IReadOnlyDictionary<string, Status> filteredNodeStatuses, CancellationToken ct)
    {
        var last = Status.Unschedulable();
        foreach (var plugin in PostFilters)
        {
            var (nominated, status) = await plugin.PostFilterAsync(state, pod, filteredNodeStatuses, ct).ConfigureAwait(false);
            if (status.IsSuccess || status.Code == StatusCode.Error)
            {
                return (nominated, status.WithPlugin(plugin.Name));
            }

            last = status.WithPlugin(plugin.Name);
        }

        return (null, last);
    }

    public Status RunPreScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in PreScores)
        {
            var status = plugin.PreScore(state, pod, nodes);
            if (status.Code == StatusCode.Skip)
            {
                skipped.Add(plugin.Name);
            }
            else if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        state.Write(SkipScoreKey, skipped);
        return Status.Success;
    }

    /// <summary>
    /// Scores every node with every plugin (nodes in parallel), normalises per plugin and sums weight × score,
    /// as upstream's RunScorePlugins.
    /// </summary>
    public (NodeScore[] Totals, Status Status) RunScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var totals = new NodeScore[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            totals[i] = new NodeScore(nodes[i].Name, 0);
        }

        var skipped = state.Read<HashSet<string>>(SkipScoreKey);
        var active = Scores.Where(s => skipped is null || !skipped.Contains(s.Plugin.Name)).ToList();
        if (active.Count == 0)
        {
            return (totals, Status.Success);
        }

        var perPlugin = new NodeScore[active.Count][];
        Status? failure = null;
        for (var p = 0; p < active.Count; p++)
        {
            perPlugin[p] = new NodeScore[nodes.Count];
        }

        Parallel.For(0, nodes.Count, ParallelOptionsFor(nodes.Count), (i, loop) =>
        {
            for (var p = 0; p < active.Count; p++)
            {
                var (score, status) = active[p].Plugin.Score(state, pod, nodes[i]);
                if (!status.IsSuccess)
                {
                    Interlocked.CompareExchange(ref failure, status.WithPlugin(active[p].Plugin.Name), null);
                    loop.Stop();
                    return;
                }

                perPlugin[p][i] = new NodeScore(nodes[i].Name, score);
            }
        });
        if (failure is not null)
        {
            return (totals, failure);
        }

        for (var p = 0; p < active.Count; p++)
        {
            var plugin = active[p];
            var normalized = plugin.Plugin.NormalizeScore(state, pod, perPlugin[p]);
            if (!normalized.IsSuccess)
            {
                return (totals, normalized.WithPlugin(plugin.Plugin.Name));
            }

            for (var i = 0; i < nodes.Count; i++)
            {
                var score = perPlugin[p][i].Score;
                if (score is < 0 or > IScorePlugin.MaxNodeScore)
                {
                    return (totals, Status.Error($"plugin {plugin.Plugin.Name} returns an invalid score {score}, it should in the range of [0, {IScorePlugin.MaxNodeScore}] after normalizing").WithPlugin(plugin.Plugin.Name));
                }

                totals[i].Score += score * plugin.Weight;
            }
        }

        return (totals, Status.Success);
    }

    public Status RunReserve(CycleState state, V1Pod pod, string nodeName)
    {
        foreach (var plugin in Reserves)
        {
            var status = plugin.Reserve(state, pod, nodeName);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        return Status.Success;
    }

    /// <summary>In reverse order, as upstream, so each plugin undoes after those that reserved later.</summary>
    public void RunUnreserve(CycleState state, V1Pod pod, string nodeName)
    {
        for (var i = Reserves.Count - 1; i >= 0; i--)
        {
            Reserves[i].Unreserve(state, pod, nodeName);
        }
    }

    public async Task<Status> RunPreBindAsync(CycleState state, V1Pod pod, string nodeName, CancellationToken ct)
    {
        foreach (var plugin in PreBinds)
        {
            var status = await plugin.PreBindAsync(state, pod, nodeName, ct).ConfigureAwait(false);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        return Status.Success;
    }

    /// <summary>The first bind plugin that does not answer Skip binds the pod.</summary>
    public async Task<Status> RunBindAsync(CycleState state, V1Pod pod, string nodeName, CancellationToken ct)
    {
        foreach (var plugin in Binds)
        {
            var status = await plugin.BindAsync(state, pod, nodeName, ct).ConfigureAwait(false);
            if (status.Code != StatusCode.Skip)
            {
                return status.IsSuccess ? status : status.WithPlugin(plugin.Name);
            }
        }

        return Status.Skip;
    }

    public void RunPostBind(CycleState state, V1Pod pod, string nodeName)
    {
        foreach (var plugin in PostBinds)
        {
            plugin.PostBind(state, pod, nodeName);
        }
    }

    internal static ParallelOptions ParallelOptionsFor(int items) =>
        new() { MaxDegreeOfParallelism = items < 32 ? 1 : Environment.ProcessorCount };
}
