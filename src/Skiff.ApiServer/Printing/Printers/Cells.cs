using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Cell helpers shared by several printers.</summary>
internal static class Cells
{
    public static string Name(JsonObject obj) => obj.Str("metadata", "name");

    public static string Age(JsonObject obj, DateTimeOffset now) =>
        HumanDuration.Since(obj.Time("metadata", "creationTimestamp"), now);

    /// <summary>Container names and images joined by commas, as the wide CONTAINERS/IMAGES columns show.</summary>
    public static (string Names, string Images) Containers(JsonNode? podSpec)
    {
        var containers = podSpec.Objects("containers").ToList();
        return (string.Join(",", containers.Select(c => c.Str("name"))),
            string.Join(",", containers.Select(c => c.Str("image"))));
    }

    /// <summary>
    /// Replica counts read through defaulting: a workload stored without spec.replicas is
    /// served with 1, which is what upstream's printer sees.
    /// </summary>
    public static long Replicas(JsonObject obj) => obj.OptLong("spec", "replicas") ?? 1;

    public static string OrNone(string value) => value.Length == 0 ? LabelFormat.None : value;

    public static string BoolText(bool? value) => value switch
    {
        true => "True",
        false => "False",
        null => "<unset>",
    };

    /// <summary>Up to <paramref name="max"/> items, then " + N more...", or "&lt;unset&gt;" for none.</summary>
    public static string ListWithMore(IReadOnlyList<string> items, int max = 3)
    {
        if (items.Count > max)
        {
            return $"{string.Join(",", items.Take(max))} + {items.Count - max} more...";
        }
        return items.Count == 0 ? "<unset>" : string.Join(",", items);
    }

    /// <summary>"kind/name" lower-cased kind, and "kind.group/name" for non-core groups.</summary>
    public static string KindName(string apiVersion, string kind, string name)
    {
        var slash = apiVersion.IndexOf('/');
        var group = slash >= 0 ? apiVersion[..slash] : "";
        if (kind.Length == 0 && group.Length == 0)
        {
            return name;
        }
        var groupKind = group.Length == 0 ? kind : kind + "." + group;
        return groupKind.ToLowerInvariant() + "/" + name;
    }
}
