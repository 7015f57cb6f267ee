using System.Net.Http;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

/// <summary>The images scripts/build-test-images.sh builds do what the kubelet's tests rely on.</summary>
[Trait("Category", "Slow")]
[Collection(RuntimeCollection.Name)]
public sealed class TestImagesTests(RuntimeFixture fixture)
{
    private ContainerRuntime Runtime => fixture.Runtime;

    private async Task<string> PullAsync(string name)
    {
        var image = $"{fixture.Registry}/skiff-test/{name}:1";
        await Runtime.Images.PullAsync(image, [], null, CancellationToken.None);
        return image;
    }

    [Fact]
    public async Task Httpd_AnswersWithItsHostnameOnThePodIp()
    {
        var pod = await TestPods.RunAsync(Runtime.Cri, Runtime.Layout!.PodLogsDir,
            new ContainerConfig { Image = new ImageSpec { Image = fixture.AirGappedImage } });
        var sandbox = await Runtime.Cri.Runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = pod.SandboxId });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

        string? body = null;
        await TestPods.WaitForAsync(async () =>
        {
            try
            {
                body = await http.GetStringAsync($"http://{sandbox.Status.Network.Ip}:8080/");
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), "the HTTP server in the pod");

        Assert.Equal(pod.Config.Hostname + "\n", body);
        await TestPods.RemoveAsync(Runtime.Cri, pod);
    }

    [Fact]
    public async Task Exit_ExitsWithTheCodeFromItsEnvironment()
    {
        var image = await PullAsync("exit");
        var pod = await TestPods.RunAsync(Runtime.Cri, Runtime.Layout!.PodLogsDir, new ContainerConfig
        {
            Image = new ImageSpec { Image = image },
            Envs = { new KeyValue { Key = "EXIT_CODE", Value = "7" } },
        });

        var status = await TestPods.WaitForExitAsync(Runtime.Cri, pod, TimeSpan.FromSeconds(20));

        Assert.Equal(7, status.ExitCode);
        Assert.Equal("Error", status.Reason);
        await TestPods.RemoveAsync(Runtime.Cri, pod);
    }

    [Fact]
    public async Task Memhog_UnderAMemoryLimit_IsOomKilled()
    {
        var image = await PullAsync("memhog");
        var pod = await TestPods.RunAsync(Runtime.Cri, Runtime.Layout!.PodLogsDir, new ContainerConfig
        {
            Image = new ImageSpec { Image = image },
            Linux = new LinuxContainerConfig { Resources = new LinuxContainerResources { MemoryLimitInBytes = 48L * 1024 * 1024 } },
        });

        var status = await TestPods.WaitForExitAsync(Runtime.Cri, pod, TimeSpan.FromSeconds(60));

        Assert.Equal("OOMKilled", status.Reason);
        Assert.Equal(137, status.ExitCode);
        await TestPods.RemoveAsync(Runtime.Cri, pod);
    }
}
