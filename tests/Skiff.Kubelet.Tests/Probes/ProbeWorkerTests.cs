using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Probes;

namespace Skiff.Kubelet.Tests.Probes;

public sealed class ProbeWorkerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedRunner _runner = new();
    private readonly RecordingListener _listener = new();

    private static readonly V1Pod Pod = new() { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "u" }, Spec = new V1PodSpec() };

    private ProbeWorker Worker(ProbeKind kind, V1Probe probe, ContainerProbeState state) =>
        new(kind, probe, new ProbeTarget(Pod, new V1Container { Name = "main" }, "c1", "10.0.0.2"), _time.GetUtcNow(), state, _runner, _time, _listener);

    [Fact]
    public async Task Readiness_BecomesReadyOnlyAfterSuccessThreshold()
    {
        var state = new ContainerProbeState("c1", started: true, hasReadinessProbe: true);
        var worker = Worker(ProbeKind.Readiness, new V1Probe { SuccessThreshold = 2 }, state);
        _runner.Next(true, true);

        await worker.ProbeOnceAsync(CancellationToken.None);
        Assert.False(state.Ready);
        await worker.ProbeOnceAsync(CancellationToken.None);
        Assert.True(state.Ready);
        Assert.Equal(["u"], _listener.Changed);
    }

    [Fact]
    public async Task Liveness_ReportsUnhealthyOnceAtFailureThresholdThenHolds()
    {
        var state = new ContainerProbeState("c1", started: true, hasReadinessProbe: false);
        var worker = Worker(ProbeKind.Liveness, new V1Probe { FailureThreshold = 3 }, state);
        _runner.Next(false, false, false, false);

        for (var i = 0; i < 4; i++)
        {
            await worker.ProbeOnceAsync(CancellationToken.None);
        }

        var failure = Assert.Single(_listener.Failures);
        Assert.Equal("Liveness probe failed: fail", failure);
        Assert.Equal(3, _runner.Calls);
    }

    [Fact]
    public async Task Liveness_SuccessInBetweenResetsTheFailureCount()
    {
        var state = new ContainerProbeState("c1", started: true, hasReadinessProbe: false);
        var worker = Worker(ProbeKind.Liveness, new V1Probe { FailureThreshold = 2 }, state);
        _runner.Next(false, true, false, true);

        for (var i = 0; i < 4; i++)
        {
            await worker.ProbeOnceAsync(CancellationToken.None);
        }

        Assert.Empty(_listener.Failures);
    }

    [Fact]
    public async Task InitialDelay_SkipsProbesUntilItPassed()
    {
        var state = new ContainerProbeState("c1", started: true, hasReadinessProbe: true);
        var worker = Worker(ProbeKind.Readiness, new V1Probe { InitialDelaySeconds = 5 }, state);
        _runner.Next(true);

        await worker.ProbeOnceAsync(CancellationToken.None);
        Assert.Equal(0, _runner.Calls);
        _time.Advance(TimeSpan.FromSeconds(5));
        await worker.ProbeOnceAsync(CancellationToken.None);

        Assert.Equal(1, _runner.Calls);
        Assert.True(state.Ready);
    }

    [Fact]
    public async Task Startup_GatesLivenessAndStopsOnceSucceeded()
    {
        var state = new ContainerProbeState("c1", started: false, hasReadinessProbe: false);
        var liveness = Worker(ProbeKind.Liveness, new V1Probe { FailureThreshold = 1 }, state);
        var startup = Worker(ProbeKind.Startup, new V1Probe(), state);
        _runner.Next(true, false);

        await liveness.ProbeOnceAsync(CancellationToken.None);
        Assert.Equal(0, _runner.Calls);
        await startup.ProbeOnceAsync(CancellationToken.None);
        Assert.True(state.Started);
        await startup.ProbeOnceAsync(CancellationToken.None);
        Assert.Equal(1, _runner.Calls);
        await liveness.ProbeOnceAsync(CancellationToken.None);

        Assert.Equal(2, _runner.Calls);
        Assert.Equal(["Liveness probe failed: fail"], _listener.Failures);
    }

    [Fact]
    public async Task Startup_FailurePastThresholdIsUnhealthy()
    {
        var state = new ContainerProbeState("c1", started: false, hasReadinessProbe: false);
        var startup = Worker(ProbeKind.Startup, new V1Probe { FailureThreshold = 2 }, state);
        _runner.Next(false, false);

        await startup.ProbeOnceAsync(CancellationToken.None);
        await startup.ProbeOnceAsync(CancellationToken.None);

        Assert.Equal(["Startup probe failed: fail"], _listener.Failures);
        Assert.False(state.Started);
    }

    private sealed class ScriptedRunner : IProbeRunner
    {
        private readonly Queue<bool> _results = new();

        public int Calls { get; private set; }

        public void Next(params bool[] results)
        {
            foreach (var result in results)
            {
                _results.Enqueue(result);
            }
        }

        public Task<ProbeResult> RunAsync(ProbeTarget target, V1Probe probe, CancellationToken ct)
        {
            Calls++;
            return Task.FromResult(_results.Dequeue() ? ProbeResult.Success() : ProbeResult.Failure("fail"));
        }
    }

    private sealed class RecordingListener : IProbeListener
    {
        public List<string> Changed { get; } = [];

        public List<string> Failures { get; } = [];

        public void ProbeRan(ProbeKind kind, ProbeTarget target, ProbeResult result)
        {
        }

        public void ResultsChanged(string podUid) => Changed.Add(podUid);

        public void Unhealthy(ProbeKind kind, ProbeTarget target, ProbeResult result) => Failures.Add($"{kind} probe failed: {result.Message}");
    }
}
