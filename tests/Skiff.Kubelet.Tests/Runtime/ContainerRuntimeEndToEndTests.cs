using System.Net;
using System.Text;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

[Trait("Category", "Slow")]
[Collection(RuntimeCollection.Name)]
public sealed class ContainerRuntimeEndToEndTests(RuntimeFixture fixture)
{
    private const string Forever = "trap 'exit 0' TERM; while true; do sleep 1; done";

    private ContainerRuntime Runtime => fixture.Runtime;

    private string ShellImage => $"{fixture.Registry}/skiff-test/shell:1";

    [Fact]
    public async Task Start_AnswersTheCriWithContainerdAndHasThePauseImage()
    {
        var version = await Runtime.Cri.Runtime.VersionAsync(new VersionRequest { Version = "v1" });
        var pause = await Runtime.Images.StatusAsync(Runtime.SandboxImage, CancellationToken.None);

        Assert.Equal("containerd", version.RuntimeName);
        Assert.Equal("v1", version.RuntimeApiVersion);
        Assert.NotNull(pause);
        Assert.Contains(Runtime.SandboxImage, pause.RepoTags);
        Assert.Equal("unix://" + Path.Combine(fixture.DataDir, "agent", "containerd", "containerd.sock"), Runtime.Endpoint);
    }

    [Fact]
    public async Task Status_ReportsRuntimeAndNetworkReady()
    {
        var status = await Runtime.Cri.Runtime.StatusAsync(new StatusRequest());

        Assert.All(status.Status.Conditions, c => Assert.True(c.Status, $"{c.Type}: {c.Reason} {c.Message}"));
        Assert.Contains(status.Status.Conditions, c => c.Type == "NetworkReady");
    }

    [Fact]
    public async Task Pod_FromLoopbackRegistry_RunsLogsAndExecs()
    {
        await Runtime.Images.PullAsync(ShellImage, [], null, CancellationToken.None);
        var pod = await TestPods.RunAsync(Runtime.Cri, Runtime.Layout!.PodLogsDir, ShellImage,
            ["/bin/sh", "-c", "echo hello from skiff; " + Forever]);

        await TestPods.WaitForAsync(
            () => Task.FromResult(File.Exists(pod.LogFile) && File.ReadAllText(pod.LogFile).Contains("hello from skiff", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the container's output in its CRI log");
        // CRI log format: "<RFC3339Nano time> stdout F <line>".
        var line = File.ReadAllLines(pod.LogFile).First(l => l.EndsWith("hello from skiff", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\S+ stdout F hello from skiff$", line);

        var exec = await Runtime.Cri.Runtime.ExecSyncAsync(new ExecSyncRequest
        {
            ContainerId = pod.ContainerId,
            Cmd = { "sh", "-c", "hostname; echo oops >&2; exit 3" },
            Timeout = 10,
        });
        Assert.Equal(3, exec.ExitCode);
        Assert.Equal(pod.Config.Hostname + "\n", Encoding.UTF8.GetString(exec.Stdout.Span));
        Assert.Equal("oops\n", Encoding.UTF8.GetString(exec.Stderr.Span));

        var sandbox = await Runtime.Cri.Runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = pod.SandboxId });
        Assert.Equal(PodSandboxState.SandboxReady, sandbox.Status.State);
        Assert.True(fixture.PodCidr.Contains(IPAddress.Parse(sandbox.Status.Network.Ip)), $"pod IP {sandbox.Status.Network.Ip} outside {fixture.PodCidr}");

        await TestPods.RemoveAsync(Runtime.Cri, pod);
        var left = await Runtime.Cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest { Filter = new PodSandboxFilter { Id = pod.SandboxId } });
        Assert.Empty(left.Items);
    }
}
