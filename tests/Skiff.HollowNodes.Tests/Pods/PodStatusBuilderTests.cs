using Skiff.HollowNodes.Pods;

namespace Skiff.HollowNodes.Tests.Pods;

public sealed class PodStatusBuilderTests
{
    private static readonly DateTimeOffset Seen = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Started = Seen.AddSeconds(2.4);
    private static readonly DateTimeOffset Finished = Seen.AddSeconds(9);

    [Fact]
    public void Running_IsReadyWithIpsContainersAndTheUidPrecondition()
    {
        var record = PodRecord.From(PodFixtures.Pod(), 0, Seen);

        var patch = PodStatusBuilder.Running(record, "10.200.0.2", "100.64.0.7", Started);

        Assert.Equal("uid-1", (string?)patch["metadata"]!["uid"]);
        var status = patch["status"]!;
        Assert.Equal("Running", (string?)status["phase"]);
        Assert.Equal("10.200.0.2", (string?)status["hostIP"]);
        Assert.Equal("100.64.0.7", (string?)status["podIP"]);
        Assert.Equal("100.64.0.7", (string?)status["podIPs"]![0]!["ip"]);
        Assert.Equal("2026-01-01T00:00:00Z", (string?)status["startTime"]);
        Assert.Equal("BestEffort", (string?)status["qosClass"]);
        Assert.Equal(
            ["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"],
            status["conditions"]!.AsArray().Select(c => $"{c!["type"]}={c["status"]}"));
        Assert.All(status["conditions"]!.AsArray(), c => Assert.NotNull((string?)c!["lastTransitionTime"]));

        var containers = status["containerStatuses"]!.AsArray();
        Assert.Equal(["app", "side"], containers.Select(c => (string?)c!["name"]));
        var app = containers[0]!;
        Assert.Equal("nginx:1", (string?)app["image"]);
        Assert.StartsWith("nginx:1@sha256:", (string?)app["imageID"], StringComparison.Ordinal);
        Assert.StartsWith("hollow://", (string?)app["containerID"], StringComparison.Ordinal);
        Assert.True((bool)app["ready"]!);
        Assert.True((bool)app["started"]!);
        Assert.Equal(0, (int)app["restartCount"]!);
        Assert.Equal("2026-01-01T00:00:02Z", (string?)app["state"]!["running"]!["startedAt"]);
        Assert.NotEqual((string?)containers[0]!["containerID"], (string?)containers[1]!["containerID"]);

        var init = Assert.Single(status["initContainerStatuses"]!.AsArray())!;
        Assert.Equal("Completed", (string?)init["state"]!["terminated"]!["reason"]);
        Assert.Equal(0, (int)init["state"]!["terminated"]!["exitCode"]!);
    }

    [Theory]
    [InlineData(0, "Succeeded", "Completed")]
    [InlineData(2, "Failed", "Error")]
    public void Finished_CarriesExitCodeAndPhase(int exitCode, string phase, string reason)
    {
        var pod = PodFixtures.Pod(new Dictionary<string, string> { [PodRecord.ExitCodeAnnotation] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var record = PodRecord.From(pod, 0, Seen);

        var status = PodStatusBuilder.Finished(record, "10.200.0.2", "100.64.0.7", Started, Finished)["status"]!;

        Assert.Equal(phase, (string?)status["phase"]);
        var conditions = status["conditions"]!.AsArray().ToDictionary(c => (string)c!["type"]!, c => c!);
        Assert.Equal("False", (string?)conditions["Ready"]["status"]);
        Assert.Equal("PodCompleted", (string?)conditions["Ready"]["reason"]);
        Assert.Equal("2026-01-01T00:00:09Z", (string?)conditions["Ready"]["lastTransitionTime"]);
        Assert.All(status["containerStatuses"]!.AsArray(), c =>
        {
            var terminated = c!["state"]!["terminated"]!;
            Assert.Equal(exitCode, (int)terminated["exitCode"]!);
            Assert.Equal(reason, (string?)terminated["reason"]);
            Assert.Equal("2026-01-01T00:00:09Z", (string?)terminated["finishedAt"]);
            Assert.False((bool)c["ready"]!);
        });
    }

    [Fact]
    public void Running_KeepsTheSchedulersTransitionTime()
    {
        var pod = PodFixtures.Pod();
        pod.Status = new k8s.Models.V1PodStatus
        {
            Conditions = [new k8s.Models.V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Seen.UtcDateTime.AddMinutes(-1) }],
        };
        var record = PodRecord.From(pod, 0, Seen);

        var conditions = PodStatusBuilder.Running(record, "h", "p", Started)["status"]!["conditions"]!.AsArray();

        Assert.Equal("2025-12-31T23:59:00Z", (string?)conditions.Single(c => (string?)c!["type"] == "PodScheduled")!["lastTransitionTime"]);
    }
}
