using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.HollowNodes.Nodes;
using Skiff.HollowNodes.Pods;
using Skiff.HollowNodes.Tests.Scheduling;

namespace Skiff.HollowNodes.Tests.Pods;

public sealed class PodSimulatorTests : IAsyncDisposable
{
    private const string StrategicMerge = "application/strategic-merge-patch+json";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeApi _api = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    [Fact]
    public async Task BoundPod_RunsOnlyAfterTheStartupDelay()
    {
        var simulator = Start(new HollowNodeOptions { Count = 2, StartupDelay = TimeSpan.FromSeconds(5) });

        simulator.Observe(WatchEventType.Added, Pod("web", "u1", "hollow-1"));
        await Task.Delay(50);
        Assert.Empty(_api.Requests);

        _time.Advance(TimeSpan.FromSeconds(5));
        var patch = await SingleRequestAsync("PATCH");

        Assert.Equal("/api/v1/namespaces/ns/pods/web/status", patch.Path);
        Assert.Equal(StrategicMerge, patch.ContentType);
        var body = JsonNode.Parse(patch.Body)!;
        Assert.Equal("u1", (string?)body["metadata"]!["uid"]);
        Assert.Equal("Running", (string?)body["status"]!["phase"]);
        Assert.Equal("100.64.1.2", (string?)body["status"]!["podIP"]);
        Assert.Equal("10.200.0.3", (string?)body["status"]!["hostIP"]);
    }

    [Fact]
    public async Task PodOnAnotherNode_IsLeftAlone()
    {
        var simulator = Start(new HollowNodeOptions { Count = 2 });

        simulator.Observe(WatchEventType.Added, Pod("other", "u1", "real-node"));
        await Task.Delay(50);

        Assert.Empty(_api.Requests);
        Assert.Equal(0, simulator.Tracked);
    }

    [Fact]
    public async Task PodsOnOneNode_GetDistinctIps_AndADeletedPodsIpIsReused()
    {
        var simulator = Start(new HollowNodeOptions { Count = 1 });

        simulator.Observe(WatchEventType.Added, Pod("a", "u1", "hollow-0"));
        await Eventually.TrueAsync(() => PodIps().Count == 1, "a running");
        simulator.Observe(WatchEventType.Added, Pod("b", "u2", "hollow-0"));
        await Eventually.TrueAsync(() => PodIps().Count == 2, "b running");
        simulator.Observe(WatchEventType.Deleted, Pod("a", "u1", "hollow-0"));
        simulator.Observe(WatchEventType.Added, Pod("c", "u3", "hollow-0"));
        await Eventually.TrueAsync(() => PodIps().Count == 3, "c running");

        Assert.Equal(["100.64.0.2", "100.64.0.3", "100.64.0.2"], PodIps());
    }

    [Fact]
    public async Task ExitCodePod_RunsThenFailsAfterItsRunTime()
    {
        var simulator = Start(new HollowNodeOptions { Count = 1 });
        var pod = Pod("job", "u1", "hollow-0");
        pod.Metadata.Annotations = new Dictionary<string, string> { [PodRecord.ExitCodeAnnotation] = "2", [PodRecord.RunSecondsAnnotation] = "3" };

        simulator.Observe(WatchEventType.Added, pod);
        await SingleRequestAsync("PATCH");
        _time.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(50);
        Assert.Single(_api.Requests);

        // The delay queue may park its timer just after the clock moves, so nudge the clock in small steps.
        for (var step = 0; step < 50 && _api.Requests.Count < 2; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(10);
        }

        await Eventually.TrueAsync(() => _api.Requests.Count == 2, "the second status write");
        var status = JsonNode.Parse(_api.Requests[1].Body)!["status"]!;
        Assert.Equal("Failed", (string?)status["phase"]);
        Assert.Equal("2026-05-01T12:00:03Z", (string?)status["containerStatuses"]![0]!["state"]!["terminated"]!["finishedAt"]);
        Assert.Equal(2, (int)status["containerStatuses"]![0]!["state"]!["terminated"]!["exitCode"]!);
    }

    [Fact]
    public async Task DeletedPod_IsRemovedWithGraceZeroForItsUid_AfterTheStopDelay()
    {
        var simulator = Start(new HollowNodeOptions { Count = 1, StopDelay = TimeSpan.FromSeconds(1) });
        var pod = Pod("web", "u9", "hollow-0");
        pod.Status = new V1PodStatus { Phase = "Running", PodIP = "100.64.0.2" };
        pod.Metadata.DeletionTimestamp = _time.GetUtcNow().UtcDateTime.AddSeconds(30);

        simulator.Observe(WatchEventType.Modified, pod);
        await Task.Delay(50);
        Assert.Empty(_api.Requests);
        _time.Advance(TimeSpan.FromSeconds(1));
        var delete = await SingleRequestAsync("DELETE");

        Assert.Equal("/api/v1/namespaces/ns/pods/web", delete.Path);
        var body = JsonNode.Parse(delete.Body)!;
        Assert.Equal(0, (long)body["gracePeriodSeconds"]!);
        Assert.Equal("u9", (string?)body["preconditions"]!["uid"]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }

        _stop.Dispose();
        _api.Dispose();
    }

    private PodSimulator Start(HollowNodeOptions options)
    {
        var nodes = new NodeSet(new NodeBuilder(options), options.Count);
        var simulator = new PodSimulator(_api.Client, nodes, options, _time, NullLogger.Instance);
        _run = simulator.RunAsync(_stop.Token);
        return simulator;
    }

    private async Task<FakeApi.Request> SingleRequestAsync(string method)
    {
        await Eventually.TrueAsync(() => _api.Requests.Count > 0, $"a {method} request");
        var request = Assert.Single(_api.Requests);
        Assert.Equal(method, request.Method);
        return request;
    }

    private List<string?> PodIps() =>
        [.. _api.Requests.Where(r => r.Method == "PATCH").Select(r => (string?)JsonNode.Parse(r.Body)!["status"]!["podIP"])];

    private static V1Pod Pod(string name, string uid, string node) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", Uid = uid },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
    };
}
