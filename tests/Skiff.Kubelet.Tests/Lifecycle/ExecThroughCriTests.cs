using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Lifecycle;
using Skiff.Kubelet.Probes;
using Skiff.Kubelet.Tests.Runtime;

namespace Skiff.Kubelet.Tests.Lifecycle;

[Trait("Category", "Slow")]
[Collection(RuntimeCollection.Name)]
public sealed class ExecThroughCriTests(RuntimeFixture fixture)
{
    private static readonly V1Pod Pod = new() { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "u1" }, Spec = new V1PodSpec() };

    [Fact]
    public async Task ExecProbeAndHook_RunInTheContainer()
    {
        var image = $"{fixture.Registry}/skiff-test/shell:1";
        await fixture.Runtime.Images.PullAsync(image, [], null, CancellationToken.None);
        var pod = await TestPods.RunAsync(fixture.Runtime.Cri, fixture.Runtime.Layout!.PodLogsDir, image,
            ["/bin/sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]);
        try
        {
            var container = new V1Container { Name = "main" };
            var target = new ProbeTarget(Pod, container, pod.ContainerId, null);
            using var runner = new ProbeRunner(fixture.Runtime.Cri);
            using var hooks = new HookRunner(fixture.Runtime.Cri, new FakeTimeProvider());

            var ok = await runner.RunAsync(target, new V1Probe { Exec = new V1ExecAction { Command = ["sh", "-c", "echo fine"] } }, CancellationToken.None);
            var failed = await runner.RunAsync(target, new V1Probe { Exec = new V1ExecAction { Command = ["sh", "-c", "echo sick; exit 1"] } }, CancellationToken.None);
            var hookOk = await hooks.RunAsync(Pod, container, pod.ContainerId, new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "touch /tmp/hooked"] } }, null, CancellationToken.None);
            var hookFailed = await hooks.RunAsync(Pod, container, pod.ContainerId, new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "echo bad >&2; exit 2"] } }, null, CancellationToken.None);
            var touched = await runner.RunAsync(target, new V1Probe { Exec = new V1ExecAction { Command = ["test", "-f", "/tmp/hooked"] } }, CancellationToken.None);

            Assert.Equal(ProbeResult.Success("fine\n"), ok);
            Assert.Equal(ProbeResult.Failure("sick\n"), failed);
            Assert.Null(hookOk);
            Assert.Equal(ProbeOutcome.Success, touched.Outcome);
            Assert.Equal("Exec lifecycle hook ([sh -c echo bad >&2; exit 2]) for Container \"main\" in Pod \"p_ns(u1)\" failed - error: command 'sh -c echo bad >&2; exit 2' exited with 2: bad\n, message: \"bad\\n\"", hookFailed);
        }
        finally
        {
            await TestPods.RemoveAsync(fixture.Runtime.Cri, pod);
        }
    }
}
