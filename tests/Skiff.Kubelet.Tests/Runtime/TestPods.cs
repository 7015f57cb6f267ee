using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Tests.Runtime;

/// <summary>Creates a sandbox and one container over the CRI the way the kubelet's pod workers will.</summary>
internal static class TestPods
{
    public sealed record Pod(string SandboxId, string ContainerId, PodSandboxConfig Config, string LogFile);

    public static async Task<Pod> RunAsync(CriConnection cri, string logsRoot, string image, IEnumerable<string> command)
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
        var container = await cri.Runtime.CreateContainerAsync(new CreateContainerRequest
        {
            PodSandboxId = sandbox.PodSandboxId,
            SandboxConfig = config,
            Config = new ContainerConfig
            {
                Metadata = new ContainerMetadata { Name = "main" },
                Image = new ImageSpec { Image = image },
                Command = { command },
                LogPath = "main/0.log",
                Linux = new LinuxContainerConfig(),
            },
        });
        await cri.Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = container.ContainerId });
        return new Pod(sandbox.PodSandboxId, container.ContainerId, config, Path.Combine(logDir, "main", "0.log"));
    }

    public static async Task RemoveAsync(CriConnection cri, Pod pod)
    {
        await cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = pod.ContainerId, Timeout = 5 });
        await cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = pod.ContainerId });
        await cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = pod.SandboxId });
        await cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = pod.SandboxId });
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
