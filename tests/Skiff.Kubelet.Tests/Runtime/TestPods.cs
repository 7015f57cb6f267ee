using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Tests.Runtime;

/// <summary>Creates a sandbox and one container over the CRI the way the kubelet's pod workers will.</summary>
internal static class TestPods
{
    public sealed record Pod(string SandboxId, string ContainerId, PodSandboxConfig Config, string LogFile);

    public static Task<Pod> RunAsync(CriConnection cri, string logsRoot, string image, IEnumerable<string> command) =>
        RunAsync(cri, logsRoot, new ContainerConfig { Image = new ImageSpec { Image = image }, Command = { command } });

    /// <summary>Runs <paramref name="container"/> (its image, command, env, limits) as the pod's one container "main".</summary>
    public static async Task<Pod> RunAsync(CriConnection cri, string logsRoot, ContainerConfig container)
    {
        var name = "pod-" + Guid.NewGuid().ToString("N")[..8];
        var uid = Guid.NewGuid().ToString();
        var logDir = Path.Combine(logsRoot, $"default_{name}_{uid}");
        // kubelet, not the runtime, creates the pod's and the container's log directories.
        Directory.CreateDirectory(Path.Combine(logDir, "main"));
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = "default", Uid = uid },
            Hostname = name,
            LogDirectory = logDir,
            Labels = { ["io.kubernetes.pod.name"] = name, ["io.kubernetes.pod.namespace"] = "default" },
            Linux = new LinuxPodSandboxConfig(),
        };
        var sandbox = await cri.Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config });
        var spec = container.Clone();
        spec.Metadata = new ContainerMetadata { Name = "main" };
        spec.LogPath = "main/0.log";
        spec.Linux ??= new LinuxContainerConfig();
        var created = await cri.Runtime.CreateContainerAsync(new CreateContainerRequest
        {
            PodSandboxId = sandbox.PodSandboxId,
            SandboxConfig = config,
            Config = spec,
        });
        await cri.Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = created.ContainerId });
        return new Pod(sandbox.PodSandboxId, created.ContainerId, config, Path.Combine(logDir, "main", "0.log"));
    }

    public static async Task RemoveAsync(CriConnection cri, Pod pod)
    {
        await cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = pod.ContainerId, Timeout = 5 });
        await cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = pod.ContainerId });
        await cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = pod.SandboxId });
        await cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = pod.SandboxId });
    }

    /// <summary>Waits until the container has exited and returns its final status.</summary>
    public static async Task<ContainerStatus> WaitForExitAsync(CriConnection cri, Pod pod, TimeSpan timeout)
    {
        ContainerStatus? status = null;
        await WaitForAsync(async () =>
        {
            status = (await cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = pod.ContainerId })).Status;
            return status.State == ContainerState.ContainerExited;
        }, timeout, "the container to exit");
        return status!;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(100);
        }
    }
}
