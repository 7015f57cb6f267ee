namespace Skiff.Scheduler.Metrics;

/// <summary>A Prometheus histogram's cumulative buckets, sum and count for one label set.</summary>
internal sealed class Histogram(double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length];
    private long _count;
    private double _sum;

    public double[] Bounds => bounds;

    public void Observe(double value)
    {
        lock (_counts)
        {
            for (var i = 0; i < bounds.Length; i++)
            {
                if (value <= bounds[i])
                {
                    _counts[i]++;
                }
            }

            _count++;
            _sum += value;
        }
    }

    public (long[] Buckets, long Count, double Sum) Read()
    {
        lock (_counts)
        {
            return ([.. _counts], _count, _sum);
        }
    }
}
