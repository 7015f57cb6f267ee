using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Probes;

namespace Skiff.Kubelet.Tests.Probes;

public sealed class ProbeManagerTests
{
    private static readonly V1Pod Pod = new() { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "u" }, Spec = new V1PodSpec() };

    [Fact]
    public void NoProbes_ReadyAndStartedOnceRunning()
    {
        using var manager = new ProbeManager(new NeverRunner(), new FakeTimeProvider(), NullLogger.Instance);

        Assert.False(manager.IsReady("u", "main"));
        manager.ContainerStarted(Pod, new V1Container { Name = "main" }, "c1", "10.0.0.2", DateTimeOffset.UnixEpoch);

        Assert.True(manager.IsReady("u", "main"));
        Assert.True(manager.IsStarted("u", "main"));
    }

    [Fact]
    public void ReadinessProbe_NotReadyUntilItPasses_AndRemovedPodForgotten()
    {
        using var manager = new ProbeManager(new NeverRunner(), new FakeTimeProvider(), NullLogger.Instance);
        var container = new V1Container { Name = "main", ReadinessProbe = new V1Probe { InitialDelaySeconds = 60 }, StartupProbe = new V1Probe { InitialDelaySeconds = 60 } };

        manager.ContainerStarted(Pod, container, "c1", "10.0.0.2", DateTimeOffset.UnixEpoch);

        Assert.False(manager.IsReady("u", "main"));
        Assert.Null(manager.IsStarted("u", "main"));
        manager.RemovePod("u");
        Assert.Null(manager.IsStarted("u", "main"));
    }

    [Fact]
    public void AdoptedContainer_KeepsTheReportedStartedAndReadyUntilProbed()
    {
        using var manager = new ProbeManager(new NeverRunner(), new FakeTimeProvider(), NullLogger.Instance);
        var container = new V1Container { Name = "main", ReadinessProbe = new V1Probe { InitialDelaySeconds = 60 }, StartupProbe = new V1Probe { InitialDelaySeconds = 60 } };
        var reported = new V1Pod
        {
            Metadata = Pod.Metadata,
            Spec = Pod.Spec,
            Status = new V1PodStatus { ContainerStatuses = [new V1ContainerStatus { Name = "main", ContainerID = "containerd://c1", Ready = true, Started = true }] },
        };

        manager.ContainerStarted(reported, container, "c1", "10.0.0.2", DateTimeOffset.UnixEpoch);

        Assert.True(manager.IsReady("u", "main"));
        Assert.True(manager.IsStarted("u", "main"));
    }

    [Fact]
    public void NewContainer_DoesNotInheritTheReadinessOfTheOneItReplaces()
    {
        using var manager = new ProbeManager(new NeverRunner(), new FakeTimeProvider(), NullLogger.Instance);
        var container = new V1Container { Name = "main", ReadinessProbe = new V1Probe { InitialDelaySeconds = 60 } };
        var reported = new V1Pod
        {
            Metadata = Pod.Metadata,
            Spec = Pod.Spec,
            Status = new V1PodStatus { ContainerStatuses = [new V1ContainerStatus { Name = "main", ContainerID = "containerd://c1", Ready = true, Started = true }] },
        };

        manager.ContainerStarted(reported, container, "c2", "10.0.0.2", DateTimeOffset.UnixEpoch);

        Assert.False(manager.IsReady("u", "main"));
    }

    private sealed class NeverRunner : IProbeRunner
    {
        public Task<ProbeResult> RunAsync(ProbeTarget target, V1Probe probe, CancellationToken ct) => Task.FromResult(ProbeResult.Failure("never"));
    }
}
