using System.Globalization;
using k8s.Models;

namespace Skiff.Scheduler.Plugins.Shared;

/// <summary>One parsed matchExpressions or matchFields entry; <see cref="TryParse"/> applies upstream's shape rules.</summary>
internal readonly record struct NodeSelectorRequirement(string Key, NodeSelectorOperator Operator, string[] Values, long Bound)
{
    public static bool TryParse(V1NodeSelectorRequirement requirement, bool isField, out NodeSelectorRequirement parsed)
    {
        parsed = default;
        var values = requirement.Values?.ToArray() ?? [];
        NodeSelectorOperator op;
        switch (requirement.OperatorProperty)
        {
            case "In":
                op = NodeSelectorOperator.In;
                break;
            case "NotIn":
                op = NodeSelectorOperator.NotIn;
                break;
            case "Exists" when !isField:
                op = NodeSelectorOperator.Exists;
                break;
            case "DoesNotExist" when !isField:
                op = NodeSelectorOperator.DoesNotExist;
                break;
            case "Gt" when !isField:
                op = NodeSelectorOperator.Gt;
                break;
            case "Lt" when !isField:
                op = NodeSelectorOperator.Lt;
                break;
            default:
                return false;
        }

        // Fields take exactly one value; "metadata.name" is the only node field a selector can name.
        if (isField && (values.Length != 1 || requirement.Key != "metadata.name"))
        {
            return false;
        }

        long bound = 0;
        var valid = op switch
        {
            NodeSelectorOperator.In or NodeSelectorOperator.NotIn => values.Length > 0,
            NodeSelectorOperator.Exists or NodeSelectorOperator.DoesNotExist => values.Length == 0,
            _ => values.Length == 1 && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out bound),
        };
        if (!valid || string.IsNullOrEmpty(requirement.Key))
        {
            return false;
        }

        parsed = new NodeSelectorRequirement(requirement.Key, op, values, bound);
        return true;
    }

    /// <summary>Whether a label (or field) that is present with <paramref name="value"/>, or absent (null), satisfies this.</summary>
    public bool Matches(string? value)
    {
        switch (Operator)
        {
            case NodeSelectorOperator.In:
                return value is not null && Array.IndexOf(Values, value) >= 0;
            case NodeSelectorOperator.NotIn:
                return value is null || Array.IndexOf(Values, value) < 0;
            case NodeSelectorOperator.Exists:
                return value is not null;
            case NodeSelectorOperator.DoesNotExist:
                return value is null;
            default:
                if (value is null || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual))
                {
                    return false;
                }

                return Operator == NodeSelectorOperator.Gt ? actual > Bound : actual < Bound;
        }
    }
}
