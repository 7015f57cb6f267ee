using System.Text;
using Grpc.Core;
using k8s.Models;
using Skiff.Kubelet.Containers;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Images;
using Skiff.Kubelet.Status;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Pods;

/// <summary>
/// Pulls, creates and starts one container of a pod, recording why it could not (ErrImagePull, ImagePullBackOff,
/// CreateContainerConfigError, RunContainerError) in the worker's waiting reasons.
/// </summary>
public sealed class ContainerStarter(PodRuntimeContext context)
{
    public sealed record Sandbox(string Id, PodSandboxConfig Config, string? PodIp);

    /// <summary>Returns the new container id, or null when it could not start (the reason is in <paramref name="state"/>).</summary>
    public async Task<string?> StartAsync(V1Pod pod, V1Container container, bool isInit, int restartCount, Sandbox sandbox, PodVolumes volumes, PodWorkerState state, CancellationToken ct)
    {
        var imageRef = await PullAsync(pod, container, sandbox, state, ct).ConfigureAwait(false);
        if (imageRef is null)
        {
            return null;
        }

        ContainerConfig config;
        try
        {
            var image = await context.Images.StatusAsync(container.Image, ct).ConfigureAwait(false);
            var env = await new EnvironmentBuilder(context.EnvSources).BuildAsync(container, new EnvContext(
                pod, sandbox.PodIp, context.HostIp(), context.Services.List(), context.NodeAllocatable()), ct).ConfigureAwait(false);
            var mounts = Mounts(pod, container, restartCount, volumes);
            config = ContainerConfigBuilder.Build(new ContainerSpec(pod, container, restartCount, isInit, imageRef, image?.Uid?.Value, env, mounts));
        }
        catch (ContainerConfigException e)
        {
            state.Waiting[container.Name] = new WaitingReason("CreateContainerConfigError", e.Message);
            context.Events.Record(pod, "Warning", "Failed", "Error: " + e.Message);
            return null;
        }

        Directory.CreateDirectory(Path.Combine(sandbox.Config.LogDirectory, container.Name));
        string? id;
        using (await context.StartGate.EnterAsync(pod.Metadata.Uid, pod.Metadata.CreationTimestamp, ct).ConfigureAwait(false))
        {
            id = await CreateAndStartAsync(pod, container, config, sandbox, state, ct).ConfigureAwait(false);
        }

        if (id is null)
        {
            return null;
        }

        state.Waiting.TryRemove(container.Name, out _);
        context.Events.Record(pod, "Normal", "Started", $"Started container {container.Name}");
        if (!isInit || RestartRules.IsSidecar(container))
        {
            context.Probes.ContainerStarted(pod, container, id, sandbox.PodIp, context.Time.GetUtcNow());
        }

        if (container.Lifecycle?.PostStart is { } postStart)
        {
            var failure = await context.Hooks.RunAsync(pod, container, id, postStart, sandbox.PodIp, ct).ConfigureAwait(false);
            if (failure is not null)
            {
                context.Events.Record(pod, "Warning", "FailedPostStartHook", failure);
                await StopAsync(id, pod.Spec.TerminationGracePeriodSeconds ?? 30, ct).ConfigureAwait(false);
            }
        }

        return id;
    }

    /// <summary>CreateContainer then StartContainer; the new id, or null with the reason in <paramref name="state"/>.</summary>
    private async Task<string?> CreateAndStartAsync(V1Pod pod, V1Container container, ContainerConfig config, Sandbox sandbox, PodWorkerState state, CancellationToken ct)
    {
        string id;
        try
        {
            var created = await context.Cri.Runtime.CreateContainerAsync(new CreateContainerRequest
            {
                PodSandboxId = sandbox.Id,
                Config = config,
                SandboxConfig = sandbox.Config,
            }, cancellationToken: ct).ConfigureAwait(false);
            id = created.ContainerId;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            state.Waiting[container.Name] = new WaitingReason("CreateContainerError", e.Status.Detail);
            context.Events.Record(pod, "Warning", "Failed", "Error: " + e.Status.Detail);
            return null;
        }

        context.Events.Record(pod, "Normal", "Created", $"Created container {container.Name}");
        try
        {
            await context.Cri.Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = id }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            state.Waiting[container.Name] = new WaitingReason("RunContainerError", e.Status.Detail);
            context.Events.Record(pod, "Warning", "Failed", "Error: " + e.Status.Detail);
            return null;
        }

        return id;
    }

    public async Task StopAsync(string containerId, long graceSeconds, CancellationToken ct)
    {
        try
        {
            await context.Cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = containerId, Timeout = Math.Max(0, graceSeconds) }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
        }
    }

    private async Task<string?> PullAsync(V1Pod pod, V1Container container, Sandbox sandbox, PodWorkerState state, CancellationToken ct)
    {
        var key = $"{pod.Metadata.Uid}/pull/{container.Name}";
        if (state.PullFailures.TryGetValue(container.Name, out var failedAt) && context.Backoff.IsInBackoffSince(key, failedAt))
        {
            var message = $"Back-off pulling image \"{container.Image}\"";
            state.Waiting[container.Name] = new WaitingReason("ImagePullBackOff", message);
            return null;
        }

        try
        {
            var credentials = await CredentialsAsync(pod, container.Image, ct).ConfigureAwait(false);
            var imageRef = await context.Images.EnsureAsync(container.Image, container.ImagePullPolicy, credentials, sandbox.Config, ct).ConfigureAwait(false);
            state.PullFailures.TryRemove(container.Name, out _);
            context.Backoff.Reset(key);
            return imageRef;
        }
        catch (ImageNotPresentException e)
        {
            state.Waiting[container.Name] = new WaitingReason("ErrImageNeverPull", e.Message);
            context.Events.Record(pod, "Warning", "ErrImageNeverPull", e.Message);
            return null;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            var message = $"failed to pull and unpack image \"{container.Image}\": {e.Status.Detail}";
            state.Waiting[container.Name] = new WaitingReason("ErrImagePull", message);
            state.PullFailures[container.Name] = context.Time.GetUtcNow();
            context.Backoff.Next(key);
            context.Events.Record(pod, "Warning", "Failed", $"Failed to pull image \"{container.Image}\": {e.Status.Detail}");
            return null;
        }
    }

    private async Task<IReadOnlyList<AuthConfig>> CredentialsAsync(V1Pod pod, string image, CancellationToken ct)
    {
        var credentials = new List<AuthConfig>();
        foreach (var reference in pod.Spec.ImagePullSecrets ?? [])
        {
            var secret = await context.EnvSources.SecretAsync(pod.Metadata.NamespaceProperty, reference.Name, ct).ConfigureAwait(false);
            if (secret?.Data is null)
            {
                continue;
            }

            if (secret.Data.TryGetValue(".dockerconfigjson", out var json) || secret.Data.TryGetValue(".dockercfg", out json))
            {
                credentials.AddRange(DockerConfigCredentials.ForImage(Encoding.UTF8.GetString(json), image));
            }
        }

        return credentials;
    }

    private List<Mount> Mounts(V1Pod pod, V1Container container, int restartCount, PodVolumes volumes)
    {
        var mounts = new List<Mount>();
        var hostsMounted = false;
        foreach (var volumeMount in container.VolumeMounts ?? [])
        {
            var volume = volumes.HostPath(volumeMount.Name)
                ?? throw new ContainerConfigException($"cannot find volume \"{volumeMount.Name}\" to mount into container \"{container.Name}\"");
            var hostPath = string.IsNullOrEmpty(volumeMount.SubPath) ? volume.Path : Path.Combine(volume.Path, volumeMount.SubPath);
            if (!string.IsNullOrEmpty(volumeMount.SubPath) && !Path.Exists(hostPath))
            {
                Directory.CreateDirectory(hostPath);
            }

            hostsMounted |= volumeMount.MountPath == "/etc/hosts";
            mounts.Add(new Mount
            {
                ContainerPath = volumeMount.MountPath,
                HostPath = hostPath,
                Readonly = volume.ReadOnly || volumeMount.ReadOnlyProperty == true,
                SelinuxRelabel = volume.SelinuxRelabel,
                Propagation = volumeMount.MountPropagation switch
                {
                    "HostToContainer" => MountPropagation.PropagationHostToContainer,
                    "Bidirectional" => MountPropagation.PropagationBidirectional,
                    _ => MountPropagation.PropagationPrivate,
                },
            });
        }

        var uid = pod.Metadata.Uid;
        if (!hostsMounted && pod.Spec.HostNetwork != true)
        {
            mounts.Add(new Mount { ContainerPath = "/etc/hosts", HostPath = context.Paths.HostsFile(uid) });
        }

        var terminationLog = context.Paths.TerminationLog(uid, container.Name, restartCount);
        Directory.CreateDirectory(Path.GetDirectoryName(terminationLog)!);
        File.WriteAllText(terminationLog, string.Empty);
        mounts.Add(new Mount { ContainerPath = container.TerminationMessagePath ?? "/dev/termination-log", HostPath = terminationLog });
        return mounts;
    }
}
