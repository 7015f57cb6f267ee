using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Events;
using Skiff.Client.Tests.Informers;
using Skiff.Testing;

namespace Skiff.Client.Tests.Events;

[Trait("Category", "Slow")]
public sealed class EventBroadcasterClusterTests
{
    [Fact]
    public async Task Record_RepeatedEvent_ShowsAsOneEventWithItsCount()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        using var client = cluster.NewClient();
        using var stop = new CancellationTokenSource();
        var broadcaster = new EventBroadcaster(client, TimeProvider.System, NullLogger.Instance);
        var run = broadcaster.RunAsync(stop.Token);
        var map = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "subject" } }, "default");
        map.ApiVersion = "v1";
        map.Kind = "ConfigMap";
        var recorder = broadcaster.NewRecorder("test-controller");

        for (var i = 0; i < 3; i++)
        {
            recorder.Record(map, "Warning", "Failing", "still failing");
        }

        recorder.Record(map, "Normal", "Fine", "all good");

        IList<Corev1Event> events = [];
        await Eventually.TrueAsync(
            () =>
            {
                events = client.CoreV1.ListNamespacedEvent("default").Items;
                return events.Count == 2 && events.Any(e => e.Count == 3);
            },
            "two events, one counted three times",
            30_000);
        var failing = events.Single(e => e.Reason == "Failing");
        Assert.StartsWith("subject.", failing.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(map.Metadata.Uid, failing.InvolvedObject.Uid);
        Assert.Equal("test-controller", failing.Source.Component);
        Assert.NotNull(failing.FirstTimestamp);
        Assert.True(failing.LastTimestamp >= failing.FirstTimestamp);
        Assert.Equal(1, events.Single(e => e.Reason == "Fine").Count);

        await stop.CancelAsync();
        await run;
    }
}
