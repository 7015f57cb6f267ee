using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.Client.Events;
using Skiff.Client.Tests.Informers;

namespace Skiff.Client.Tests.Events;

public sealed class EventBroadcasterTests : IDisposable
{
    private readonly FakeApi _api = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _stop = new();
    private readonly ListLogger _log = new();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task Record_WritesAnUpstreamShapedEvent()
    {
        var recorder = Start().NewRecorder("replicaset-controller");

        recorder.Record(Pod(), "Normal", "Scheduled", "placed");

        await Eventually.TrueAsync(() => !_api.Writes.IsEmpty, "the event");
        var (request, body) = _api.Writes.Single();
        Assert.Equal("POST /api/v1/namespaces/default/events", request);
        var e = JsonNode.Parse(body)!;
        var nanos = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        Assert.Equal($"web-1.{nanos:x}", (string?)e["metadata"]!["name"]);
        Assert.Equal("uid-1", (string?)e["involvedObject"]!["uid"]);
        Assert.Equal("Pod", (string?)e["involvedObject"]!["kind"]);
        Assert.Equal("42", (string?)e["involvedObject"]!["resourceVersion"]);
        Assert.Equal("replicaset-controller", (string?)e["source"]!["component"]);
        Assert.Equal("replicaset-controller", (string?)e["reportingComponent"]);
        Assert.Equal(1, (int?)e["count"]);
        Assert.Equal(("Normal", "Scheduled", "placed"), ((string?)e["type"], (string?)e["reason"], (string?)e["message"]));
        Assert.StartsWith("2026-11-23T12:00:00", (string?)e["firstTimestamp"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_SameEventWithinTheWindow_PatchesCountAndLastTimestamp()
    {
        var recorder = Start().NewRecorder("c");

        recorder.Record(Pod(), "Warning", "Failed", "boom");
        await Eventually.TrueAsync(() => _api.Writes.Count == 1, "the first write");
        _time.Advance(TimeSpan.FromMinutes(9));
        recorder.Record(Pod(), "Warning", "Failed", "boom");

        await Eventually.TrueAsync(() => _api.Writes.Count == 2, "the second write");
        var (request, body) = _api.Writes.Last();
        Assert.True(request.StartsWith("PATCH /api/v1/namespaces/default/events/web-1.", StringComparison.Ordinal), string.Join('\n', _log.Lines));
        var patch = JsonNode.Parse(body)!;
        Assert.Equal(2, (int?)patch["count"]);
        Assert.Equal("2026-11-23T12:09:00Z", (string?)patch["lastTimestamp"]);
    }

    [Theory]
    [InlineData(11, "Failed", "boom")]
    [InlineData(1, "Failed", "other message")]
    [InlineData(1, "OtherReason", "boom")]
    public async Task Record_LaterOrDifferentEvent_CreatesANewOne(int minutesLater, string reason, string message)
    {
        var recorder = Start().NewRecorder("c");

        recorder.Record(Pod(), "Warning", "Failed", "boom");
        await Eventually.TrueAsync(() => _api.Writes.Count == 1, "the first write");
        _time.Advance(TimeSpan.FromMinutes(minutesLater));
        recorder.Record(Pod(), "Warning", reason, message);

        await Eventually.TrueAsync(() => _api.Writes.Count == 2, "the second write");
        Assert.All(_api.Writes, w => Assert.StartsWith("POST", w.Request, StringComparison.Ordinal));
    }

    [Fact]
    public void Record_QueueFull_DropsAndCounts()
    {
        using var client = _api.NewClient();
        var broadcaster = new EventBroadcaster(client, _time, NullLogger.Instance, new EventBroadcasterOptions { QueueCapacity = 2 });
        var recorder = broadcaster.NewRecorder("c");

        for (var i = 0; i < 5; i++)
        {
            recorder.Record(Pod(), "Normal", "R", "m" + i);
        }

        Assert.Equal(3, broadcaster.Dropped);
    }

    [Fact]
    public async Task Record_ClusterScopedObject_GoesToTheDefaultNamespace()
    {
        var recorder = Start().NewRecorder("c");

        recorder.Record(new V1Node { ApiVersion = "v1", Kind = "Node", Metadata = new V1ObjectMeta { Name = "n1", Uid = "u" } }, "Normal", "R", "m");

        await Eventually.TrueAsync(() => !_api.Writes.IsEmpty, "the event");
        Assert.Equal("POST /api/v1/namespaces/default/events", _api.Writes.Single().Request);
    }

    private EventBroadcaster Start()
    {
        var broadcaster = new EventBroadcaster(_api.NewClient(), _time, _log);
        _ = broadcaster.RunAsync(_stop.Token);
        return broadcaster;
    }

    private static V1Pod Pod() => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "default", Uid = "uid-1", ResourceVersion = "42" },
    };
}
