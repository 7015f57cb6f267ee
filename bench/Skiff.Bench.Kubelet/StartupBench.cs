using System.Diagnostics;
using Skiff.Bench.Controllers;

namespace Skiff.Bench.Kubelet;

/// <summary>Pod startup against the ctr floor, one after another and all at once, then the kubelet's cost at rest with N pods.</summary>
internal sealed class StartupBench(AgentServer server, string image, int pods, int restingPods, TextWriter log)
{
    private const string Ns = "kubelet-bench";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly PodApi _api = new(server.Client, server.NodeName);
    private readonly CtrFloor _floor = new(server.ContainerdSocket, image);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _created = [];

    public async Task<StartupResult> RunAsync(string archive)
    {
        await WaitForNodeAsync();
        await _api.CreateNamespaceAsync(Ns);
        await _floor.ImportAsync(archive);
        var meter = new ProcessMeter(server.ProcessId);
        await using var watch = new ReadyWatch(server.WatchClient, Ns, _clock);

        // One of each first: the first CRI call, the first CNI ADD and the first status write pay one-time costs.
        await RemoveFloorAsync([await _floor.RunAsync()]);
        await StartPodAsync("warm-up", watch);

        log.WriteLine("floor: sequential");
        var floorSequential = await FloorSequentialAsync();
        log.WriteLine("skiff: sequential");
        var mark = meter.Begin();
        var sequential = await SequentialAsync("seq", watch);
        var sequentialUsage = meter.End(mark, sequential.Wall);
        log.WriteLine("floor: parallel");
        var floorParallel = await FloorParallelAsync();
        log.WriteLine("skiff: parallel");
        mark = meter.Begin();
        var parallel = await ParallelAsync("par", watch);
        var parallelUsage = meter.End(mark, parallel.Wall);

        log.WriteLine($"settling at {restingPods} pods");
        var resting = await RestingAsync(meter, watch);
        return new StartupResult(floorSequential, sequential, floorParallel, parallel, sequentialUsage, parallelUsage, resting);
    }

    /// <summary>Deletes every pod the benchmark made and waits until the kubelet removed them (their containers with them).</summary>
    public async Task CleanUpAsync()
    {
        foreach (var name in _created)
        {
            await IgnoreMissingAsync(_api.DeletePodAsync(Ns, name));
        }

        var until = _clock.Elapsed + TimeSpan.FromSeconds(180);
        while (await _api.CountPodsAsync(Ns) > 0 && _clock.Elapsed < until)
        {
            await Task.Delay(500);
        }

        await IgnoreMissingAsync(_floor.RemoveImageAsync());
    }

    private async Task WaitForNodeAsync()
    {
        var until = _clock.Elapsed + TimeSpan.FromSeconds(120);
        while (!await _api.NodeReadyAsync())
        {
            if (_clock.Elapsed > until)
            {
                throw new TimeoutException($"node {server.NodeName} not Ready within 120 s:\n{server.Log}");
            }

            await Task.Delay(200);
        }
    }

    private async Task<Latencies> FloorSequentialAsync()
    {
        var started = new List<(string Id, TimeSpan Elapsed)>();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < pods; i++)
        {
            started.Add(await _floor.RunAsync());
        }

        var result = new Latencies(started.Select(s => s.Elapsed).ToList()) { Wall = wall.Elapsed };
        await RemoveFloorAsync(started);
        return result;
    }

    private async Task<Latencies> FloorParallelAsync()
    {
        var wall = Stopwatch.StartNew();
        var started = await Task.WhenAll(Enumerable.Range(0, pods).Select(_ => _floor.RunAsync()));
        var result = new Latencies(started.Select(s => s.Elapsed).ToList()) { Wall = wall.Elapsed };
        await RemoveFloorAsync(started);
        return result;
    }

    private async Task RemoveFloorAsync(IEnumerable<(string Id, TimeSpan Elapsed)> started)
    {
        foreach (var (id, _) in started)
        {
            await _floor.RemoveAsync(id);
        }
    }

    private async Task<Latencies> SequentialAsync(string prefix, ReadyWatch watch)
    {
        var samples = new List<TimeSpan>();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < pods; i++)
        {
            samples.Add(await StartPodAsync($"{prefix}-{i}", watch));
        }

        return new Latencies(samples) { Wall = wall.Elapsed };
    }

    private async Task<Latencies> ParallelAsync(string prefix, ReadyWatch watch)
    {
        var wall = Stopwatch.StartNew();
        var samples = await Task.WhenAll(Enumerable.Range(0, pods).Select(i => StartPodAsync($"{prefix}-{i}", watch)));
        return new Latencies(samples) { Wall = wall.Elapsed };
    }

    private async Task<TimeSpan> StartPodAsync(string name, ReadyWatch watch)
    {
        lock (_created)
        {
            _created.Add(name);
        }

        var sent = _clock.Elapsed;
        await _api.CreatePodAsync(Ns, name, image);
        var ready = await watch.ReadyAt(name).WaitAsync(ReadyTimeout);
        return ready - sent;
    }

    /// <summary>Tops up or trims to the resting count, lets status writes settle, then measures CPU over a minute.</summary>
    private async Task<RestingUsage> RestingAsync(ProcessMeter meter, ReadyWatch watch)
    {
        var running = _created.ToList();
        for (var i = 0; running.Count < restingPods; i++)
        {
            var name = $"rest-{i}";
            await StartPodAsync(name, watch);
            running.Add(name);
        }

        foreach (var name in running.Skip(restingPods))
        {
            await _api.DeletePodAsync(Ns, name);
        }

        while (await _api.CountPodsAsync(Ns) > restingPods)
        {
            await Task.Delay(500);
        }

        await Task.Delay(TimeSpan.FromSeconds(15));
        var window = TimeSpan.FromSeconds(60);
        var containerd = new ProcessMeter(server.ContainerdProcessId);
        var mark = meter.Begin();
        var containerdMark = containerd.Begin();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window)
        {
            await Task.Delay(1000);
            meter.Sample();
            containerd.Sample();
        }

        return new RestingUsage(restingPods, meter.End(mark, clock.Elapsed), containerd.End(containerdMark, clock.Elapsed));
    }

    private static async Task IgnoreMissingAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
        }
    }
}
