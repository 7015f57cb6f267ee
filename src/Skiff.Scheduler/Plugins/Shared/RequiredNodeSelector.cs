using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>A v1.NodeSelector: its terms are ORed; empty terms are dropped, so a selector of only empty terms matches nothing.</summary>
internal sealed class RequiredNodeSelector
{
    private readonly List<NodeSelectorTermMatcher> _terms = [];

    public RequiredNodeSelector(V1NodeSelector selector)
    {
        foreach (var term in selector.NodeSelectorTerms ?? [])
        {
            var matcher = new NodeSelectorTermMatcher(term);
            if (!matcher.IsEmpty)
            {
                _terms.Add(matcher);
            }
        }
    }

    public bool Matches(V1Node node)
    {
        foreach (var term in _terms)
        {
            if (term.Matches(node))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc cref="NodeSelectorTermMatcher.Matches(NodeInfo)"/>
    public bool Matches(NodeInfo node)
    {
        foreach (var term in _terms)
        {
            if (term.Matches(node))
            {
                return true;
            }
        }

        return false;
    }
}
