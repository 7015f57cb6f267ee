using Grpc.Core;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Logs;

namespace Skiff.Kubelet.Pods;

/// <summary>
/// Ends pods: a deleted pod's containers get preStop then SIGTERM with the remaining grace (the runtime sends SIGKILL
/// after it), then sandbox, volumes and finally the API object go (grace 0, uid precondition), as kubelet does.
/// </summary>
public sealed class PodTerminator(PodRuntimeContext context)
{
    /// <summary>Upstream never gives a container less than this to stop.</summary>
    private const long MinimumGraceSeconds = 2;

    public async Task<bool> TerminateAsync(V1Pod pod, RuntimePod runtime, PodWorkerState state, CancellationToken ct)
    {
        var grace = pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30;
        await KillAsync(pod.Metadata.Uid, runtime, pod, grace, ct).ConfigureAwait(false);
        // The final status says the containers ended, before the object goes.
        var after = await RuntimePod.LoadAsync(context.Cri, pod.Metadata.Uid, ct).ConfigureAwait(false);
        await RemoveAllAsync(after, ct).ConfigureAwait(false);
        TryDeleteDirectory(context.Paths.PodLogDir(pod.Metadata.NamespaceProperty, pod.Metadata.Name, pod.Metadata.Uid));
        await context.Volumes.TearDownAsync(pod.Metadata.Uid, ct).ConfigureAwait(false);
        context.Probes.RemovePod(pod.Metadata.Uid);
        context.Backoff.RemovePrefix(pod.Metadata.Uid + "/");
        context.StartGate.Forget(pod.Metadata.Uid);
        try
        {
            await context.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, new V1DeleteOptions
            {
                GracePeriodSeconds = 0,
                Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid },
            }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            // Already gone, or a new pod of the same name: neither is ours to delete.
        }

        TryDeleteDirectory(context.Paths.PodDir(pod.Metadata.Uid));
        return true;
    }

    /// <summary>Stops every container (preStop first when the pod is known) and every sandbox of the pod.</summary>
    public async Task KillAsync(string uid, RuntimePod runtime, V1Pod? pod, long graceSeconds, CancellationToken ct)
    {
        var stops = runtime.Containers
            .Where(c => c.State == ContainerState.ContainerRunning)
            .Select(c =>
            {
                var spec = pod?.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(s => s.Name == c.Metadata.Name);
                return StopContainerAsync(pod, spec, c.Id, runtime.PodIp, graceSeconds, ct);
            });
        await Task.WhenAll(stops).ConfigureAwait(false);
        foreach (var sandbox in runtime.Sandboxes.Where(s => s.State == PodSandboxState.SandboxReady))
        {
            await Ignore404(() => context.Cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: ct).ResponseAsync).ConfigureAwait(false);
        }

        if (pod is null)
        {
            await RemoveAllAsync(runtime, ct).ConfigureAwait(false);
            await context.Volumes.TearDownAsync(uid, ct).ConfigureAwait(false);
            context.Probes.RemovePod(uid);
            context.Backoff.RemovePrefix(uid + "/");
            context.StartGate.Forget(uid);
            TryDeleteDirectory(context.Paths.PodDir(uid));
        }
    }

    public async Task StopContainerAsync(V1Pod? pod, V1Container? spec, string containerId, string? podIp, long graceSeconds, CancellationToken ct)
    {
        var started = context.Time.GetUtcNow();
        if (pod is not null && spec?.Lifecycle?.PreStop is { } preStop && graceSeconds > 0)
        {
            using var hookDeadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            hookDeadline.CancelAfter(TimeSpan.FromSeconds(graceSeconds));
            try
            {
                var failure = await context.Hooks.RunAsync(pod, spec, containerId, preStop, podIp, hookDeadline.Token).ConfigureAwait(false);
                if (failure is not null)
                {
                    context.Events.Record(pod, "Warning", "FailedPreStopHook", failure);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The hook used the whole grace period; the container is stopped right away.
            }
        }

        var left = graceSeconds - (long)(context.Time.GetUtcNow() - started).TotalSeconds;
        var timeout = graceSeconds == 0 ? 0 : Math.Max(MinimumGraceSeconds, left);
        await Ignore404(() => context.Cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = containerId, Timeout = timeout }, cancellationToken: ct).ResponseAsync).ConfigureAwait(false);
    }

    private async Task RemoveAllAsync(RuntimePod runtime, CancellationToken ct)
    {
        foreach (var container in runtime.Containers)
        {
            await Ignore404(() => context.Cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = container.Id }, cancellationToken: ct).ResponseAsync).ConfigureAwait(false);
            ContainerLogFiles.RemoveAll(container.LogPath);
        }

        foreach (var sandbox in runtime.Sandboxes)
        {
            await Ignore404(() => context.Cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: ct).ResponseAsync).ConfigureAwait(false);
            await Ignore404(() => context.Cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox.Id }, cancellationToken: ct).ResponseAsync).ConfigureAwait(false);
        }
    }

    private static async Task Ignore404<T>(Func<Task<T>> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
