using System.Diagnostics;

namespace Skiff.Bench.ApiServer;

/// <summary>Runs an operation a bounded number of times within a bounded time.</summary>
internal static class Timed
{
    /// <summary>Calls <paramref name="op"/> one after another with 0, 1, 2 ...; returns each call's milliseconds.</summary>
    public static async Task<List<double>> SerialAsync(int count, TimeSpan cap, Func<int, Task> op)
    {
        var samples = new List<double>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && clock.Elapsed < cap; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await op(i);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return samples;
    }

    /// <summary>
    /// <paramref name="clients"/> loops share a counter up to <paramref name="count"/>, each waiting for its call
    /// before the next; returns completed calls per second.
    /// </summary>
    public static async Task<double> ThroughputAsync(int clients, int count, TimeSpan cap, Func<int, Task> op)
    {
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && clock.Elapsed < cap)
            {
                await op(i);
                Interlocked.Increment(ref done);
            }
        })));
        return done / clock.Elapsed.TotalSeconds;
    }
}
