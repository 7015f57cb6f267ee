using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>Weighted preferred node selector terms; a node scores the sum of the weights of the terms it matches.</summary>
internal sealed class PreferredNodeTerms
{
    private readonly List<(int Weight, NodeSelectorTermMatcher Term)> _terms = [];

    public PreferredNodeTerms(IEnumerable<V1PreferredSchedulingTerm> terms)
    {
        foreach (var term in terms)
        {
            // Upstream drops zero-weight terms before parsing them.
            if (term.Weight != 0 && term.Preference is not null)
            {
                _terms.Add((term.Weight, new NodeSelectorTermMatcher(term.Preference)));
            }
        }
    }

    public bool IsEmpty => _terms.Count == 0;

    public long Score(NodeInfo node)
    {
        long score = 0;
        foreach (var (weight, term) in _terms)
        {
            if (term.Matches(node))
            {
                score += weight;
            }
        }

        return score;
    }
}
