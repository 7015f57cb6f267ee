namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>Upstream's scoring strategies over (requested, allocatable) per resource; a resource a node lacks is skipped.</summary>
internal static class AllocationScorers
{
    private const long MaxUtilization = 100;

    /// <summary>Prefers emptier nodes: the weighted mean of free capacity in percent.</summary>
    public static AllocationScore LeastAllocated(IReadOnlyList<ResourceSpec> resources)
    {
        var weights = Weights(resources);
        return (requested, allocatable) =>
        {
            long total = 0, sum = 0;
            for (var i = 0; i < requested.Length; i++)
            {
                var (req, cap) = (requested[i], allocatable[i]);
                if (cap == 0)
                {
                    continue;
                }

                total += (req > cap ? 0 : (cap - req) * Framework.IScorePlugin.MaxNodeScore / cap) * weights[i];
                sum += weights[i];
            }

            return sum == 0 ? 0 : total / sum;
        };
    }

    /// <summary>Prefers fuller nodes (bin packing): the weighted mean of used capacity in percent.</summary>
    public static AllocationScore MostAllocated(IReadOnlyList<ResourceSpec> resources)
    {
        var weights = Weights(resources);
        return (requested, allocatable) =>
        {
            long total = 0, sum = 0;
            for (var i = 0; i < requested.Length; i++)
            {
                var (req, cap) = (requested[i], allocatable[i]);
                if (cap == 0)
                {
                    continue;
                }

                total += Math.Min(req, cap) * Framework.IScorePlugin.MaxNodeScore / cap * weights[i];
                sum += weights[i];
            }

            return sum == 0 ? 0 : total / sum;
        };
    }

    /// <summary>Scores each resource's utilization on a broken-line curve (scores 0..10 scaled to 0..100), rounded mean.</summary>
    public static AllocationScore RequestedToCapacityRatio(IReadOnlyList<ResourceSpec> resources, IReadOnlyList<UtilizationShapePoint> shape)
    {
        var weights = Weights(resources);
        var points = shape.Select(p => (Utilization: (long)p.Utilization, Score: p.Score * (Framework.IScorePlugin.MaxNodeScore / 10))).ToArray();
        return (requested, allocatable) =>
        {
            long total = 0, sum = 0;
            for (var i = 0; i < requested.Length; i++)
            {
                if (allocatable[i] == 0)
                {
                    continue;
                }

                var utilization = requested[i] > allocatable[i] ? MaxUtilization : requested[i] * MaxUtilization / allocatable[i];
                var score = BrokenLine(points, utilization);

                // Upstream leaves resources that score 0 out of the mean entirely.
                if (score > 0)
                {
                    total += score * weights[i];
                    sum += weights[i];
                }
            }

            return sum == 0 ? 0 : (long)Math.Round((double)total / sum, MidpointRounding.AwayFromZero);
        };
    }

    private static long BrokenLine((long Utilization, long Score)[] points, long x)
    {
        for (var i = 0; i < points.Length; i++)
        {
            if (x <= points[i].Utilization)
            {
                if (i == 0)
                {
                    return points[0].Score;
                }

                var (x0, y0) = points[i - 1];
                var (x1, y1) = points[i];
                return y0 + ((y1 - y0) * (x - x0) / (x1 - x0));
            }
        }

        return points[^1].Score;
    }

    // An array read in the per-node loop instead of the options' list through its interface.
    private static long[] Weights(IReadOnlyList<ResourceSpec> resources) => [.. resources.Select(r => r.Weight)];
}
