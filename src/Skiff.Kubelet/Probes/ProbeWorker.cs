using k8s.Models;

namespace Skiff.Kubelet.Probes;

/// <summary>
/// One probe of one container on its schedule, as kubelet's probe worker: wait initialDelaySeconds after the
/// container started, probe every periodSeconds, and change the reported result only after successThreshold
/// successes or failureThreshold failures in a row. Liveness and readiness wait for the startup probe; a liveness or
/// startup failure past the threshold reports the container unhealthy once and holds until it is restarted.
/// </summary>
internal sealed class ProbeWorker(
    ProbeKind kind, V1Probe probe, ProbeTarget target, DateTimeOffset startedAt, ContainerProbeState state,
    IProbeRunner runner, TimeProvider time, IProbeListener listener)
{
    private ProbeOutcome? _lastOutcome;
    private int _run;
    private bool _onHold;

    private int SuccessThreshold => Math.Max(1, probe.SuccessThreshold ?? 1);

    private int FailureThreshold => Math.Max(1, probe.FailureThreshold ?? 3);

    public async Task RunAsync(CancellationToken ct)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await ProbeOnceAsync(ct).ConfigureAwait(false);
                await Task.Delay(period, time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    internal async Task ProbeOnceAsync(CancellationToken ct)
    {
        if (_onHold)
        {
            return;
        }

        if (kind == ProbeKind.Startup ? state.Started : !state.Started)
        {
            return;
        }

        if (time.GetUtcNow() - startedAt < TimeSpan.FromSeconds(probe.InitialDelaySeconds ?? 0))
        {
            return;
        }

        var result = await runner.RunAsync(target, probe, ct).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        var success = result.Succeeded;
        var outcome = success ? ProbeOutcome.Success : ProbeOutcome.Failure;
        if (_lastOutcome == outcome)
        {
            _run++;
        }
        else
        {
            _lastOutcome = outcome;
            _run = 1;
        }

        listener.ProbeRan(kind, target, result);
        if ((success && _run < SuccessThreshold) || (!success && _run < FailureThreshold))
        {
            return;
        }

        switch (kind)
        {
            case ProbeKind.Readiness:
                if (state.Ready != success)
                {
                    state.Ready = success;
                    listener.ResultsChanged(target.Pod.Metadata.Uid);
                }

                break;
            case ProbeKind.Startup when success:
                state.Started = true;
                listener.ResultsChanged(target.Pod.Metadata.Uid);
                break;
            default:
                if (!success)
                {
                    // Held until the container is restarted under a new id, so one failure asks for one restart.
                    _onHold = true;
                    _run = 0;
                    listener.Unhealthy(kind, target, result);
                }

                break;
        }
    }
}
