using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Skiff.Bench.Storage;

/// <summary>The timed phases, run in order against one target under its own key prefix.</summary>
internal sealed class Workloads(BenchSettings settings, TextWriter log)
{
    public async Task<TargetResult> RunAsync(IBenchTarget target, string prefix)
    {
        var result = new TargetResult(target.Name);
        var value = new byte[settings.ValueBytes];
        Random.Shared.NextBytes(value);

        await WarmUpAsync(target, prefix + "warmup/", value);

        var listKeys = Keys(prefix + "list/", settings.ConcurrentWrites);
        var revisions = new long[listKeys.Length];
        (result.CreatesPerSecondConcurrent, var created) = await ThroughputAsync(listKeys.Length, settings.Concurrency,
            async i => revisions[i] = await target.CreateAsync(listKeys[i], value));
        Report(target, $"creates x{settings.Concurrency}", result.CreatesPerSecondConcurrent);

        var serialKeys = Keys(prefix + "serial/", settings.SerialWrites);
        var serialRevisions = new long[serialKeys.Length];
        (result.CreatesPerSecondSerial, var serialCreated) = await ThroughputAsync(serialKeys.Length, 1,
            async i => serialRevisions[i] = await target.CreateAsync(serialKeys[i], value));
        Report(target, "creates x1", result.CreatesPerSecondSerial);

        (result.UpdatesPerSecondConcurrent, _) = await ThroughputAsync(created, settings.Concurrency,
            async i => revisions[i] = await target.UpdateAsync(listKeys[i], value, revisions[i]));
        Report(target, $"updates x{settings.Concurrency}", result.UpdatesPerSecondConcurrent);

        (result.UpdatesPerSecondSerial, _) = await ThroughputAsync(serialCreated, 1,
            async i => serialRevisions[i] = await target.UpdateAsync(serialKeys[i], value, serialRevisions[i]));
        Report(target, "updates x1", result.UpdatesPerSecondSerial);

        var gets = new List<double>(settings.Gets);
        for (var i = 0; i < settings.Gets; i++)
        {
            var key = listKeys[Random.Shared.Next(created)];
            var start = Stopwatch.GetTimestamp();
            if (!await target.GetAsync(key))
            {
                throw new InvalidOperationException($"{target.Name}: get of {key} found nothing");
            }

            gets.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        (result.GetP50Ms, result.GetP99Ms) = (Percentiles.Of(gets, 50), Percentiles.Of(gets, 99));
        Report(target, "get p50/p99 ms", result.GetP50Ms, result.GetP99Ms);

        var lists = new List<double>();
        for (var run = 0; run < settings.ListRuns; run++)
        {
            var start = Stopwatch.GetTimestamp();
            result.ListedKeys = await target.ListAsync(prefix + "list/");
            lists.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        result.ListMs = Percentiles.Of(lists, 50);
        Report(target, $"list of {result.ListedKeys} ms (median)", result.ListMs);

        await WatchLatencyAsync(target, prefix + "watch/", value, result);
        Report(target, "watch p50/p99 ms", result.WatchP50Ms, result.WatchP99Ms);
        return result;
    }

    /// <summary>Every code path once under load, so JIT and connection setup do not land in the first timed phase.</summary>
    private async Task WarmUpAsync(IBenchTarget target, string prefix, byte[] value)
    {
        var keys = Keys(prefix, 500);
        var revisions = new long[keys.Length];
        await ThroughputAsync(keys.Length, settings.Concurrency, async i => revisions[i] = await target.CreateAsync(keys[i], value));
        await ThroughputAsync(keys.Length, settings.Concurrency, async i => revisions[i] = await target.UpdateAsync(keys[i], value, revisions[i]));
        await ThroughputAsync(keys.Length, 1, async i => await target.GetAsync(keys[i]));
        await target.ListAsync(prefix);
        await using var watch = await target.WatchAsync(prefix, _ => { });
        await target.UpdateAsync(keys[0], value, revisions[0]);
    }

    /// <summary>Runs <paramref name="op"/> for indexes 0..count-1 on <paramref name="workers"/> loops until done or capped; returns ops/s and how many ran.</summary>
    private async Task<(double PerSecond, int Done)> ThroughputAsync(int count, int workers, Func<int, Task> op)
    {
        var next = -1;
        var done = 0;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(settings.PhaseCap.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while (Stopwatch.GetTimestamp() < deadline && (i = Interlocked.Increment(ref next)) < count)
            {
                await op(i);
                Interlocked.Increment(ref done);
            }
        }));
        await Task.WhenAll(loops);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

        // An index is claimed only before the deadline and every claimed one runs, so indexes 0..done-1 are exactly the finished ones.
        return (done / elapsed, done);
    }

    /// <summary>
    /// Watchers all on one prefix; one writer creates keys at a steady pace. Latency is from just
    /// before the write is sent to the moment a watcher sees it, over every (watcher, write) pair.
    /// </summary>
    private async Task WatchLatencyAsync(IBenchTarget target, string prefix, byte[] value, TargetResult result)
    {
        var sent = new long[settings.WatchWrites];
        var latencies = new ConcurrentBag<double>();
        var warm = new CountdownEvent(settings.Watchers);
        var watches = new List<IAsyncDisposable>();
        try
        {
            for (var w = 0; w < settings.Watchers; w++)
            {
                var sawWarmup = 0;
                watches.Add(await target.WatchAsync(prefix, key =>
                {
                    var name = key[prefix.Length..];
                    if (name == "warmup")
                    {
                        if (Interlocked.Exchange(ref sawWarmup, 1) == 0)
                        {
                            warm.Signal();
                        }

                        return;
                    }

                    var i = int.Parse(name, CultureInfo.InvariantCulture);
                    latencies.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref sent[i])).TotalMilliseconds);
                }));
            }

            // Every watcher must be live before timing starts.
            await target.CreateAsync(prefix + "warmup", value);
            if (!warm.Wait(TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"{target.Name}: only {settings.Watchers - warm.CurrentCount} of {settings.Watchers} watchers saw the warm-up write");
            }

            for (var i = 0; i < settings.WatchWrites; i++)
            {
                Volatile.Write(ref sent[i], Stopwatch.GetTimestamp());
                await target.CreateAsync(prefix + i.ToString(CultureInfo.InvariantCulture), value);
                await Task.Delay(settings.WatchWriteGap);
            }

            var expected = (long)settings.Watchers * settings.WatchWrites;
            var until = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
            while (latencies.Count < expected && Stopwatch.GetTimestamp() < until)
            {
                await Task.Delay(20);
            }

            var samples = latencies.ToArray();
            result.WatchEventsMissing = expected - samples.Length;
            (result.WatchP50Ms, result.WatchP99Ms) = (Percentiles.Of(samples, 50), Percentiles.Of(samples, 99));
        }
        finally
        {
            foreach (var watch in watches)
            {
                await watch.DisposeAsync();
            }
        }
    }

    private static string[] Keys(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => prefix + i.ToString("D6", CultureInfo.InvariantCulture)).ToArray();

    private void Report(IBenchTarget target, string what, params double[] figures) =>
        log.WriteLine($"  {target.Name,-26} {what,-28} {string.Join(" / ", figures.Select(f => f.ToString("0.##", CultureInfo.InvariantCulture)))}");
}
