using System.Globalization;
using System.Text.Json.Nodes;

namespace Skiff.Bench.Scheduler;

/// <summary>
/// The pods of each benchmark shape, as upstream's scheduler_perf writes them: SchedulingBasic (requests only),
/// SchedulingPodAntiAffinity (required anti-affinity on hostname among pods of one group) and topology spread
/// (maxSkew 1 over zones, DoNotSchedule).
/// </summary>
internal static class PodShapes
{
    public const string Basic = "SchedulingBasic";
    public const string AntiAffinity = "SchedulingPodAntiAffinity";
    public const string TopologySpread = "SchedulingTopologySpread";

    public static readonly IReadOnlyList<string> All = [Basic, AntiAffinity, TopologySpread];

    public static string Pod(string shape, int index, BenchOptions options)
    {
        var name = "pod-" + index.ToString(CultureInfo.InvariantCulture);
        var labels = new JsonObject();
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "c",
                ["image"] = "registry.k8s.io/pause:3.10",
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "500Mi" } },
            }),
        };
        switch (shape)
        {
            case AntiAffinity:
                var group = "g" + (index / options.GroupSize).ToString(CultureInfo.InvariantCulture);
                labels["group"] = group;
                spec["affinity"] = new JsonObject
                {
                    ["podAntiAffinity"] = new JsonObject
                    {
                        ["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonArray(new JsonObject
                        {
                            ["topologyKey"] = "kubernetes.io/hostname",
                            ["labelSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["group"] = group } },
                        }),
                    },
                };
                break;
            case TopologySpread:
                labels["app"] = "spread";
                spec["topologySpreadConstraints"] = new JsonArray(new JsonObject
                {
                    ["maxSkew"] = 1,
                    ["topologyKey"] = "topology.kubernetes.io/zone",
                    ["whenUnsatisfiable"] = "DoNotSchedule",
                    ["labelSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "spread" } },
                });
                break;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
            ["spec"] = spec,
        }.ToJsonString();
    }
}
