using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>
/// A parsed nodeSelectorTerm: every label expression and every field requirement must hold. A term that does not
/// parse matches no node, as upstream's lazy-error selector does.
/// </summary>
internal sealed class NodeSelectorTermMatcher
{
    private readonly NodeSelectorRequirement[] _labels;
    private readonly NodeSelectorRequirement[] _fields;
    private readonly bool _valid = true;

    public NodeSelectorTermMatcher(V1NodeSelectorTerm term)
    {
        _labels = Parse(term.MatchExpressions, isField: false, ref _valid);
        _fields = Parse(term.MatchFields, isField: true, ref _valid);
    }

    /// <summary>A term with no requirements at all; required affinity ignores those, preferred ones match every node.</summary>
    public bool IsEmpty => _valid && _labels.Length == 0 && _fields.Length == 0;

    public bool Matches(V1Node node) => Matches(node.Metadata?.Labels, node.Metadata?.Name ?? string.Empty);

    /// <summary>Against the labels and name a NodeInfo captured, without walking the node model.</summary>
    public bool Matches(NodeInfo node) => Matches(node.Labels, node.Name);

    private bool Matches(IDictionary<string, string>? labels, string name)
    {
        if (!_valid)
        {
            return false;
        }

        foreach (var requirement in _labels)
        {
            string? value = null;
            if (labels is not null && labels.TryGetValue(requirement.Key, out var found))
            {
                value = found;
            }

            if (!requirement.Matches(value))
            {
                return false;
            }
        }

        foreach (var requirement in _fields)
        {
            if (!requirement.Matches(name))
            {
                return false;
            }
        }

        return true;
    }

    private static NodeSelectorRequirement[] Parse(IList<V1NodeSelectorRequirement>? requirements, bool isField, ref bool valid)
    {
        if (requirements is null || requirements.Count == 0)
        {
            return [];
        }

        var parsed = new NodeSelectorRequirement[requirements.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (!NodeSelectorRequirement.TryParse(requirements[i], isField, out parsed[i]))
            {
                valid = false;
            }
        }

        return parsed;
    }
}
