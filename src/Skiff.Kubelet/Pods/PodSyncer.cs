using Grpc.Core;
using k8s.Models;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Logs;
using Skiff.Kubelet.Status;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Pods;

/// <summary>
/// One sync of one pod: compares the pod's spec with what the runtime has and takes the next steps (sandbox, init
/// containers in order, sidecars, regular containers, restarts with back-off), then reports status.
/// </summary>
public sealed class PodSyncer(PodRuntimeContext context)
{
    private readonly ContainerStarter _starter = new(context);
    private readonly PodTerminator _terminator = new(context);

    /// <summary>Returns true once the pod is gone from node and API, so its worker can end.</summary>
    public async Task<bool> SyncAsync(string uid, V1Pod? pod, PodWorkerState state, CancellationToken ct)
    {
        var runtime = await RuntimePod.LoadAsync(context.Cri, uid, ct).ConfigureAwait(false);
        if (pod is null)
        {
            await _terminator.KillAsync(uid, runtime, null, graceSeconds: 2, ct).ConfigureAwait(false);
            return true;
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            return await _terminator.TerminateAsync(pod, runtime, state, ct).ConfigureAwait(false);
        }

        var terminal = (state.WrittenStatus ?? pod.Status)?.Phase is "Succeeded" or "Failed";
        if (terminal)
        {
            await StopRunningAsync(pod, runtime, ct).ConfigureAwait(false);
        }
        else
        {
            runtime = await SyncRunningAsync(pod, runtime, state, ct).ConfigureAwait(false);
        }

        await new PodStatusWriter(context).WriteAsync(pod, runtime, state, ct).ConfigureAwait(false);
        return false;
    }

    private async Task<RuntimePod> SyncRunningAsync(V1Pod pod, RuntimePod runtime, PodWorkerState state, CancellationToken ct)
    {
        var uid = pod.Metadata.Uid;
        PodVolumes volumes;
        try
        {
            volumes = await context.Volumes.SetUpAsync(pod, ct).ConfigureAwait(false);
        }
        catch (VolumeSetupException e)
        {
            context.Events.Record(pod, "Warning", e.Reason, e.Message);
            return runtime;
        }

        var sandbox = runtime.ReadySandbox;
        if (sandbox is null)
        {
            if (runtime.Sandboxes.Count > 0 && pod.Spec.RestartPolicy == "Never" && runtime.Containers.Count > 0)
            {
                // Upstream does not give a pod whose sandbox died a new one when nothing may restart.
                return runtime;
            }

            await _terminator.KillAsync(uid, runtime, pod, graceSeconds: 0, ct).ConfigureAwait(false);
            await RunSandboxAsync(pod, (uint)runtime.Sandboxes.Count, ct).ConfigureAwait(false);
            runtime = await RuntimePod.LoadAsync(context.Cri, uid, ct).ConfigureAwait(false);
            sandbox = runtime.ReadySandbox;
            if (sandbox is null)
            {
                return runtime;
            }
        }

        HostsFile.Write(context.Paths.HostsFile(uid), HostsFile.Render(pod, runtime.PodIp));
        var config = SandboxConfig(pod, sandbox.Metadata.Attempt);
        var target = new ContainerStarter.Sandbox(sandbox.Id, config, runtime.PodIp);
        await KillUnhealthyAsync(pod, runtime, state, ct).ConfigureAwait(false);

        var changed = false;
        var initialized = true;
        foreach (var init in pod.Spec.InitContainers ?? [])
        {
            var (started, done) = await SyncContainerAsync(pod, init, isInit: true, runtime, target, volumes, state, ct).ConfigureAwait(false);
            changed |= started;
            if (!done)
            {
                initialized = false;
                break;
            }
        }

        if (initialized)
        {
            foreach (var container in pod.Spec.Containers)
            {
                var (started, _) = await SyncContainerAsync(pod, container, isInit: false, runtime, target, volumes, state, ct).ConfigureAwait(false);
                changed |= started;
            }
        }

        if (changed)
        {
            runtime = await RuntimePod.LoadAsync(context.Cri, uid, ct).ConfigureAwait(false);
        }

        await PruneAsync(runtime, ct).ConfigureAwait(false);
        context.Probes.Prune(uid, runtime.Containers.Where(c => c.State == ContainerState.ContainerRunning).Select(c => c.Id).ToHashSet());
        return runtime;
    }

    /// <summary>
    /// Brings one container one step forward. Started says a container was started; done says the next init
    /// container may go (this one exited 0, or is a sidecar that runs).
    /// </summary>
    private async Task<(bool Started, bool Done)> SyncContainerAsync(
        V1Pod pod, V1Container container, bool isInit, RuntimePod runtime, ContainerStarter.Sandbox sandbox, PodVolumes volumes, PodWorkerState state, CancellationToken ct)
    {
        var latest = runtime.Latest(container.Name);
        if (latest is null)
        {
            var id = await _starter.StartAsync(pod, container, isInit, 0, sandbox, volumes, state, ct).ConfigureAwait(false);
            return (id is not null, id is not null && isInit && RestartRules.IsSidecar(container));
        }

        switch (latest.State)
        {
            case ContainerState.ContainerRunning:
                if (!isInit || RestartRules.IsSidecar(container))
                {
                    // A container adopted after a kubelet restart gets its probes back; for a known one this is a no-op.
                    context.Probes.ContainerStarted(pod, container, latest.Id, runtime.PodIp, DateTimeOffset.FromUnixTimeMilliseconds(latest.StartedAt / 1_000_000));
                }

                return (false, isInit && RestartRules.IsSidecar(container));
            case ContainerState.ContainerExited:
                if (isInit && !RestartRules.IsSidecar(container) && latest.ExitCode == 0)
                {
                    return (false, true);
                }

                if (!RestartRules.ShouldRestart(pod, container, isInit, latest.ExitCode))
                {
                    state.Waiting.TryRemove(container.Name, out _);
                    return (false, false);
                }

                var key = $"{pod.Metadata.Uid}/{container.Name}";
                var finishedAt = DateTimeOffset.FromUnixTimeMilliseconds(latest.FinishedAt / 1_000_000);
                if (context.Backoff.IsInBackoffSince(key, finishedAt))
                {
                    var delay = context.Backoff.Delay(key);
                    state.Waiting[container.Name] = new WaitingReason("CrashLoopBackOff",
                        $"back-off {Duration(delay)} restarting failed container={container.Name} pod={pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})");
                    return (false, false);
                }

                context.Backoff.Next(key);
                var restarted = await _starter.StartAsync(pod, container, isInit, RuntimePod.RestartCountOf(latest) + 1, sandbox, volumes, state, ct).ConfigureAwait(false);
                return (restarted is not null, false);
            default:
                // Created but never started (a start that failed half-way): remove it and start afresh next sync.
                await RemoveContainerAsync(latest, ct).ConfigureAwait(false);
                return (false, false);
        }
    }

    private async Task KillUnhealthyAsync(V1Pod pod, RuntimePod runtime, PodWorkerState state, CancellationToken ct)
    {
        foreach (var (id, name) in state.Unhealthy.ToArray())
        {
            state.Unhealthy.TryRemove(id, out _);
            var container = runtime.Containers.FirstOrDefault(c => c.Id == id && c.State == ContainerState.ContainerRunning);
            var spec = pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(c => c.Name == name);
            if (container is null || spec is null)
            {
                continue;
            }

            context.Events.Record(pod, "Normal", "Killing", $"Container {name} failed liveness probe, will be restarted");
            await _terminator.StopContainerAsync(pod, spec, id, runtime.PodIp, pod.Spec.TerminationGracePeriodSeconds ?? 30, ct).ConfigureAwait(false);
        }
    }

    private async Task StopRunningAsync(V1Pod pod, RuntimePod runtime, CancellationToken ct)
    {
        foreach (var running in runtime.Containers.Where(c => c.State == ContainerState.ContainerRunning))
        {
            await _starter.StopAsync(running.Id, pod.Spec.TerminationGracePeriodSeconds ?? 30, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps the newest two attempts of each container: the current one and the one lastState reports.</summary>
    private async Task PruneAsync(RuntimePod runtime, CancellationToken ct)
    {
        foreach (var name in runtime.Containers.Select(c => c.Metadata.Name).Distinct(StringComparer.Ordinal))
        {
            foreach (var old in runtime.Attempts(name).Skip(2).Where(c => c.State == ContainerState.ContainerExited))
            {
                await RemoveContainerAsync(old, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task RemoveContainerAsync(ContainerStatus container, CancellationToken ct)
    {
        try
        {
            await context.Cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = container.Id }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
        }

        ContainerLogFiles.RemoveAll(container.LogPath);
    }

    private async Task RunSandboxAsync(V1Pod pod, uint attempt, CancellationToken ct)
    {
        var config = SandboxConfig(pod, attempt);
        Directory.CreateDirectory(config.LogDirectory);
        try
        {
            using var slot = await context.StartGate.EnterAsync(pod.Metadata.Uid, pod.Metadata.CreationTimestamp, ct).ConfigureAwait(false);
            await context.Cri.Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            context.Events.Record(pod, "Warning", "FailedCreatePodSandBox", $"Failed to create pod sandbox: {e.Status.Detail}");
        }
    }

    private PodSandboxConfig SandboxConfig(V1Pod pod, uint attempt)
    {
        var meta = pod.Metadata;
        var dns = DnsConfigBuilder.Build(pod, context.ClusterDns, context.ClusterDomain, context.HostResolvConf);
        return SandboxConfigBuilder.Build(pod, attempt, context.Paths.PodLogDir(meta.NamespaceProperty, meta.Name, meta.Uid), dns);
    }

    private static string Duration(TimeSpan delay) =>
        delay.TotalMinutes >= 1 ? $"{(int)delay.TotalMinutes}m{delay.Seconds}s" : $"{(int)delay.TotalSeconds}s";
}
