using System.Buffers;
using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// One scheduling profile (upstream's framework instance): the plugins of each extension point, in order, and how to
/// run them. Built from a <see cref="ProfileConfig"/> and a <see cref="PluginRegistry"/>; a plugin named at several
/// points is one instance.
/// </summary>
public sealed class Profile
{
    private IPreFilterPlugin[] _preFilters = [];
    private IFilterPlugin[] _filters = [];
    private WeightedScorePlugin[] _scores = [];

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
        profile._preFilters = [.. Resolve<IPreFilterPlugin>(ExtensionPoint.PreFilter)];
        profile.PreFilters = profile._preFilters;
        profile._filters = [.. Resolve<IFilterPlugin>(ExtensionPoint.Filter)];
        profile.Filters = profile._filters;
        profile.PostFilters = Resolve<IPostFilterPlugin>(ExtensionPoint.PostFilter);
        profile.PreScores = Resolve<IPreScorePlugin>(ExtensionPoint.PreScore);
        var scores = Resolve<IScorePlugin>(ExtensionPoint.Score);
        profile._scores = [.. scores.Select(s => new WeightedScorePlugin(s, ScoreWeight(config, s.Name)))];
        profile.Scores = profile._scores;
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

    private static HashSet<string> Intersect(IReadOnlySet<string> previous, IReadOnlySet<string> names)
    {
        var both = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in previous)
        {
            if (names.Contains(name))
            {
                both.Add(name);
            }
        }

        return both;
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
        HashSet<string>? skipped = null;
        List<string>? narrowedBy = null;
        foreach (var plugin in _preFilters)
        {
            var (result, status) = plugin.PreFilter(state, pod, nodes);
            if (status.Code == StatusCode.Skip)
            {
                (skipped ??= new HashSet<string>(StringComparer.Ordinal)).Add(plugin.Name);
                continue;
            }

            if (!status.IsSuccess)
            {
                return (null, status.Plugin is null ? status.WithPlugin(plugin.Name) : status);
            }

            if (result?.NodeNames is { } names)
            {
                (narrowedBy ??= []).Add(plugin.Name);
                merged = merged?.NodeNames is { } previous ? new PreFilterResult(Intersect(previous, names)) : new PreFilterResult(names);
                if (merged.NodeNames!.Count == 0)
                {
                    narrowedBy.Sort(StringComparer.Ordinal);
                    return (merged, Status.Unresolvable($"node(s) didn't satisfy plugin(s) [{string.Join(" ", narrowedBy)}] simultaneously").WithPlugin(plugin.Name));
                }
            }
        }

        narrowedBy?.Sort(StringComparer.Ordinal);
        state.SkippedPreFilters = skipped;
        state.PreFilterNarrowedBy = narrowedBy;
        state.ActiveFilters = skipped is null ? _filters : Array.FindAll(_filters, f => !skipped.Contains(f.Name));
        return (merged, Status.Success);
    }

    /// <summary>The PreFilter plugins whose node sets narrowed the last RunPreFilter on this state, sorted.</summary>
    public static IReadOnlyList<string> PreFilterNarrowedBy(CycleState state) => state.PreFilterNarrowedBy ?? [];

    /// <summary>Filters one node, stopping at the first plugin that rejects it.</summary>
    public Status RunFilter(CycleState state, V1Pod pod, NodeInfo node)
    {
        // Without a PreFilter run (preemption's and the tests' direct calls) every Filter runs.
        var filters = state.ActiveFilters ?? _filters;
        for (var i = 0; i < filters.Length; i++)
        {
            var status = filters[i].Filter(state, pod, node);
            if (!status.IsSuccess)
            {
                return status.Plugin is null ? status.WithPlugin(filters[i].Name) : status;
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
        var nominated = Handle.Nominator?.NominatedPodsForNode(node.Name);
        if (nominated is null || nominated.Count == 0)
        {
            return RunFilter(state, pod, node);
        }

        var priority = pod.Spec?.Priority ?? 0;
        List<PodInfo>? toAdd = null;
        for (var i = 0; i < nominated.Count; i++)
        {
            var other = nominated[i];
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
        var skipped = state.SkippedPreFilters;
        foreach (var plugin in _preFilters)
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
        var skipped = state.SkippedPreFilters;
        foreach (var plugin in _preFilters)
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
        HashSet<string>? skipped = null;
        foreach (var plugin in PreScores)
        {
            var status = plugin.PreScore(state, pod, nodes);
            if (status.Code == StatusCode.Skip)
            {
                (skipped ??= new HashSet<string>(StringComparer.Ordinal)).Add(plugin.Name);
            }
            else if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        state.ActiveScores = skipped is null ? _scores : Array.FindAll(_scores, s => !skipped.Contains(s.Plugin.Name));
        return Status.Success;
    }

    /// <summary>
    /// Scores every node with every plugin, normalises per plugin and sums weight × score, as upstream's
    /// RunScorePlugins.
    /// </summary>
    public (NodeScore[] Totals, Status Status) RunScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var totals = new NodeScore[nodes.Count];
        return (totals, RunScore(state, pod, nodes, totals));
    }

    /// <summary>
    /// <see cref="RunScore(CycleState, V1Pod, IReadOnlyList{NodeInfo})"/> into <paramref name="totals"/> (at least as
    /// long as <paramref name="nodes"/>), so the scheduling loop can score into a pooled array. One plugin at a time
    /// over all nodes, so a single scratch array serves every plugin.
    /// </summary>
    public Status RunScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes, Span<NodeScore> totals)
    {
        var count = nodes.Count;
        for (var i = 0; i < count; i++)
        {
            totals[i] = new NodeScore(nodes[i].Name, 0);
        }

        var active = state.ActiveScores ?? _scores;
        if (active.Length == 0 || count == 0)
        {
            return Status.Success;
        }

        var rented = ArrayPool<NodeScore>.Shared.Rent(count);
        try
        {
            var scores = rented.AsSpan(0, count);
            foreach (var weighted in active)
            {
                var plugin = weighted.Plugin;
                for (var i = 0; i < count; i++)
                {
                    var (score, status) = plugin.Score(state, pod, nodes[i]);
                    if (!status.IsSuccess)
                    {
                        return status.WithPlugin(plugin.Name);
                    }

                    scores[i] = new NodeScore(totals[i].Name, score);
                }

                var normalized = plugin.NormalizeScore(state, pod, scores);
                if (!normalized.IsSuccess)
                {
                    return normalized.WithPlugin(plugin.Name);
                }

                for (var i = 0; i < count; i++)
                {
                    var score = scores[i].Score;
                    if (score is < 0 or > IScorePlugin.MaxNodeScore)
                    {
                        return Status.Error($"plugin {plugin.Name} returns an invalid score {score}, it should in the range of [0, {IScorePlugin.MaxNodeScore}] after normalizing").WithPlugin(plugin.Name);
                    }

                    totals[i].Score += score * weighted.Weight;
                }
            }

            return Status.Success;
        }
        finally
        {
            ArrayPool<NodeScore>.Shared.Return(rented);
        }
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
}
