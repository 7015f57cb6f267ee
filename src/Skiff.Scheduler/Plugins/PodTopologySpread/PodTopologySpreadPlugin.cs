using k8s.Models;
using Skiff.Api.Selectors;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// Spreads pods over topology domains: DoNotSchedule constraints filter (skew above maxSkew is rejected),
/// ScheduleAnyway constraints, or the cluster defaults, score. Halves in the <c>.Filter.cs</c> and <c>.Score.cs</c>
/// files.
/// </summary>
internal sealed partial class PodTopologySpreadPlugin : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "PodTopologySpread";

    private readonly PodTopologySpreadOptions _options;
    private readonly INodeInfoLister? _snapshot;
    private readonly DefaultSpreadSelector _defaultSelector;

    /// <param name="snapshot">The cycle's nodes: scoring counts pods on nodes that failed filtering too.</param>
    /// <param name="defaultSelector">Services and controllers for system-default spreading; without it only pods' own constraints apply.</param>
    public PodTopologySpreadPlugin(
        PodTopologySpreadOptions? options = null, INodeInfoLister? snapshot = null, DefaultSpreadSelector? defaultSelector = null)
    {
        _options = options ?? new PodTopologySpreadOptions();
        _snapshot = snapshot;
        _defaultSelector = defaultSelector ?? new DefaultSpreadSelector();
    }

    public string Name => PluginName;

    private bool SystemDefaulted => _options.DefaultingType == SpreadDefaulting.System;

    private List<SpreadConstraint> Constraints(V1Pod pod, string whenUnsatisfiable)
    {
        if (pod.Spec?.TopologySpreadConstraints is { Count: > 0 })
        {
            return SpreadConstraint.FromPod(pod, whenUnsatisfiable);
        }

        var defaults = SystemDefaulted ? PodTopologySpreadOptions.SystemDefaultConstraints : _options.DefaultConstraints;
        var constraints = new List<SpreadConstraint>();
        LabelSelector? selector = null;
        foreach (var c in defaults)
        {
            if (c.WhenUnsatisfiable != whenUnsatisfiable)
            {
                continue;
            }

            // Defaults take their selector from the pod's Services and controller; none means nothing to spread.
            selector ??= _defaultSelector.For(pod);
            if (selector.IsEverything)
            {
                return [];
            }

            constraints.Add(new SpreadConstraint(c.MaxSkew, c.TopologyKey ?? string.Empty, selector, c.MinDomains ?? 1, true, false));
        }

        return constraints;
    }
}
