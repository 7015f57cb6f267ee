using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Events;
using Skiff.Kubelet.Cri;

namespace Skiff.Kubelet.Probes;

/// <summary>
/// Runs a <see cref="ProbeWorker"/> per probe of every running container. Every failed probe is recorded as an
/// Unhealthy event on the pod (as upstream's prober does); <see cref="Unhealthy"/> fires only when a liveness or
/// startup probe fails past its threshold, which is when the container must be restarted.
/// </summary>
public sealed partial class ProbeManager : IProbeManager, IProbeListener, IDisposable
{
    private readonly IProbeRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IEventRecorder? _events;
    private readonly ProbeRunner? _ownedRunner;
    private readonly ConcurrentDictionary<(string PodUid, string Container), ContainerProbeState> _containers = new();

    public ProbeManager(IProbeRunner runner, TimeProvider time, ILogger logger, IEventRecorder? events = null)
    {
        _runner = runner;
        _time = time;
        _logger = logger;
        _events = events;
    }

    /// <summary>Probes through the CRI (exec) and the pod network (httpGet, tcpSocket, grpc).</summary>
    public ProbeManager(CriConnection cri, TimeProvider time, ILogger logger, IEventRecorder? events = null)
        : this(new ProbeRunner(cri), time, logger, events)
    {
        _ownedRunner = (ProbeRunner)_runner;
    }

    public event Action<ProbeFailure>? Unhealthy;

    public event Action<string>? ResultsChanged;

    public void ContainerStarted(V1Pod pod, V1Container container, string containerId, string? podIp, DateTimeOffset startedAt)
    {
        var key = (pod.Metadata.Uid, container.Name);
        if (_containers.TryGetValue(key, out var existing) && existing.ContainerId == containerId)
        {
            return;
        }

        // A container a restarted kubelet adopts keeps the started and ready its pod's status last reported until its
        // probes say otherwise, as upstream's KEP-4781; a restart of the kubelet alone must not turn pods unready.
        var reported = (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? [])
            .FirstOrDefault(s => s.Name == container.Name && s.ContainerID is { } id && id.EndsWith("://" + containerId, StringComparison.Ordinal));
        var state = new ContainerProbeState(containerId, started: container.StartupProbe is null || reported?.Started == true, hasReadinessProbe: container.ReadinessProbe is not null)
        {
            Ready = reported?.Ready == true,
        };
        if (_containers.TryGetValue(key, out var old))
        {
            Stop(old);
        }

        _containers[key] = state;
        var target = new ProbeTarget(pod, container, containerId, podIp);
        Start(ProbeKind.Startup, container.StartupProbe, target, startedAt, state);
        Start(ProbeKind.Liveness, container.LivenessProbe, target, startedAt, state);
        Start(ProbeKind.Readiness, container.ReadinessProbe, target, startedAt, state);
        ResultsChanged?.Invoke(pod.Metadata.Uid);
    }

    private void Start(ProbeKind kind, V1Probe? probe, ProbeTarget target, DateTimeOffset startedAt, ContainerProbeState state)
    {
        if (probe is null)
        {
            return;
        }

        var worker = new ProbeWorker(kind, probe, target, startedAt, state, _runner, _time, this);
        var ct = state.Stop.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await worker.RunAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWorkerCrashed(_logger, e, kind.ToString(), target.Container.Name);
            }
        }, CancellationToken.None);
    }

    public void Prune(string podUid, IReadOnlySet<string> runningContainerIds)
    {
        foreach (var (key, state) in _containers)
        {
            if (key.PodUid == podUid && !runningContainerIds.Contains(state.ContainerId) && _containers.TryRemove(new KeyValuePair<(string, string), ContainerProbeState>(key, state)))
            {
                Stop(state);
            }
        }
    }

    public void RemovePod(string podUid)
    {
        foreach (var (key, state) in _containers)
        {
            if (key.PodUid == podUid && _containers.TryRemove(new KeyValuePair<(string, string), ContainerProbeState>(key, state)))
            {
                Stop(state);
            }
        }
    }

    public bool IsReady(string podUid, string containerName) =>
        _containers.TryGetValue((podUid, containerName), out var state) && state.Started && (state.Ready || !state.HasReadinessProbe);

    public bool? IsStarted(string podUid, string containerName) =>
        _containers.TryGetValue((podUid, containerName), out var state) && state.Started ? true : null;

    void IProbeListener.ProbeRan(ProbeKind kind, ProbeTarget target, ProbeResult result)
    {
        if (_events is null || result.Outcome == ProbeOutcome.Success)
        {
            return;
        }

        var (type, reason, verb) = result.Outcome switch
        {
            ProbeOutcome.Warning => ("Warning", "ProbeWarning", "warning"),
            ProbeOutcome.Error => ("Warning", "Unhealthy", "errored"),
            _ => ("Warning", "Unhealthy", "failed"),
        };
        _events.Record(target.Pod, type, reason, $"{kind} probe {verb}: {result.Message}");
    }

    void IProbeListener.ResultsChanged(string podUid) => ResultsChanged?.Invoke(podUid);

    void IProbeListener.Unhealthy(ProbeKind kind, ProbeTarget target, ProbeResult result)
    {
        LogUnhealthy(_logger, target.Pod.Metadata.NamespaceProperty, target.Pod.Metadata.Name, target.Container.Name, kind.ToString(), result.Message);
        Unhealthy?.Invoke(new ProbeFailure(target.Pod.Metadata.Uid, target.Container.Name, target.ContainerId, kind.ToString(), $"{kind} probe failed: {result.Message}"));
    }

    private static void Stop(ContainerProbeState state)
    {
        state.Stop.Cancel();
        state.Stop.Dispose();
    }

    public void Dispose()
    {
        foreach (var state in _containers.Values)
        {
            Stop(state);
        }

        _containers.Clear();
        _ownedRunner?.Dispose();
    }

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} container {Container}: {Kind} probe failed past its threshold: {Message}")]
    private static partial void LogUnhealthy(ILogger logger, string? @namespace, string? pod, string container, string kind, string message);

    [LoggerMessage(EventId = 71, Level = LogLevel.Error, Message = "{Kind} probe worker of container {Container} failed")]
    private static partial void LogWorkerCrashed(ILogger logger, Exception exception, string kind, string container);
}
