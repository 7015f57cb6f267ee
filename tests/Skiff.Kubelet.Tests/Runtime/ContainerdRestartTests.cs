using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

[Trait("Category", "Slow")]
[Collection(RuntimeCollection.Name)]
public sealed class ContainerdRestartTests(RuntimeFixture fixture)
{
    private const string Forever = "trap 'exit 0' TERM; while true; do sleep 1; done";

    private ContainerRuntime Runtime => fixture.Runtime;

    private string ShellImage => $"{fixture.Registry}/skiff-test/shell:1";

    [Fact]
    public async Task Containerd_KilledWhileAContainerRuns_IsRestartedAndTheContainerKeepsRunning()
    {
        await Runtime.Images.PullAsync(ShellImage, [], null, CancellationToken.None);
        var pod = await TestPods.RunAsync(Runtime.Cri, Runtime.Layout!.PodLogsDir, ShellImage, ["/bin/sh", "-c", Forever]);
        var before = (await Runtime.Cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = pod.ContainerId })).Status;
        Assert.Equal(ContainerState.ContainerRunning, before.State);
        var supervisor = Runtime.Supervisor!;
        var restarts = supervisor.Restarts;
        var pid = supervisor.ProcessId!.Value;

        Assert.True(Signals.Send(pid, Signals.SigKill));

        await TestPods.WaitForAsync(() => Task.FromResult(supervisor.Restarts > restarts), TimeSpan.FromSeconds(60), "containerd to be restarted");
        Assert.NotEqual(pid, supervisor.ProcessId);
        var after = (await Runtime.Cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = pod.ContainerId })).Status;
        Assert.Equal(ContainerState.ContainerRunning, after.State);
        Assert.Equal(before.StartedAt, after.StartedAt);
        var exec = await Runtime.Cri.Runtime.ExecSyncAsync(new ExecSyncRequest { ContainerId = pod.ContainerId, Cmd = { "true" }, Timeout = 10 });
        Assert.Equal(0, exec.ExitCode);

        await TestPods.RemoveAsync(Runtime.Cri, pod);
    }

    [Fact]
    public async Task Runtime_StoppedAndStartedAgain_KeepsTheContainerRunning()
    {
        await Runtime.Images.PullAsync(ShellImage, [], null, CancellationToken.None);
        var pod = await TestPods.RunAsync(Runtime.Cri, Runtime.Layout!.PodLogsDir, ShellImage, ["/bin/sh", "-c", Forever]);
        var before = (await Runtime.Cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = pod.ContainerId })).Status;

        await fixture.RestartRuntimeAsync();

        var after = (await Runtime.Cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = pod.ContainerId })).Status;
        Assert.Equal(ContainerState.ContainerRunning, after.State);
        Assert.Equal(before.StartedAt, after.StartedAt);
        var sandbox = await Runtime.Cri.Runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = pod.SandboxId });
        Assert.Equal(PodSandboxState.SandboxReady, sandbox.Status.State);
        var exec = await Runtime.Cri.Runtime.ExecSyncAsync(new ExecSyncRequest { ContainerId = pod.ContainerId, Cmd = { "true" }, Timeout = 10 });
        Assert.Equal(0, exec.ExitCode);

        await TestPods.RemoveAsync(Runtime.Cri, pod);
    }
}
