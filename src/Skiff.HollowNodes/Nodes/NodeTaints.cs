using k8s.Models;

namespace Skiff.HollowNodes.Nodes;

/// <summary>Parses `--taints k=v:Effect,...` (value optional, as kubelet's --register-with-taints).</summary>
public static class NodeTaints
{
    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public static List<V1Taint> Parse(string? text)
    {
        var taints = new List<V1Taint>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return taints;
        }

        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            var colon = item.LastIndexOf(':');
            if (colon <= 0)
            {
                throw new OptionException($"--taints: \"{item}\" is not of the form key[=value]:Effect");
            }

            var effect = item[(colon + 1)..];
            if (!Effects.Contains(effect, StringComparer.Ordinal))
            {
                throw new OptionException($"--taints: \"{item}\": effect \"{effect}\" must be one of NoSchedule, PreferNoSchedule, NoExecute");
            }

            var keyValue = item[..colon];
            var eq = keyValue.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? keyValue : keyValue[..eq];
            var value = eq < 0 ? null : keyValue[(eq + 1)..];
            NodeLabels.CheckKey("--taints", key);
            if (value is not null)
            {
                NodeLabels.CheckValue("--taints", key, value);
            }

            if (taints.Any(t => t.Key == key && t.Effect == effect))
            {
                throw new OptionException($"--taints: \"{key}\" with effect {effect} is given twice");
            }

            taints.Add(new V1Taint { Key = key, Value = string.IsNullOrEmpty(value) ? null : value, Effect = effect });
        }

        return taints;
    }
}
