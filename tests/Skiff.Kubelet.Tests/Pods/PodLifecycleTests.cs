using k8s;
using k8s.Models;
using Skiff.Kubelet.Tests.Runtime;

namespace Skiff.Kubelet.Tests.Pods;

[Collection(RuntimeCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PodLifecycleTests(RuntimeFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ShellPod_RunsAndIsReadyWithPodIp_NodeRegistered()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var pod = await harness.CreateAsync(KubeletHarness.Pod("shell", KubeletHarness.Container("main", harness.Image("shell"), "sh", "-c", "sleep 3600")));

        var running = await harness.WaitForAsync(pod, KubeletHarness.IsRunningAndReady, Timeout, "Running and Ready");

        Assert.StartsWith(fixture.PodCidr.BaseAddress.ToString()[..^1], running.Status.PodIP, StringComparison.Ordinal);
        Assert.True(fixture.PodCidr.Contains(System.Net.IPAddress.Parse(running.Status.PodIP)));
        Assert.Equal(0, running.Status.ContainerStatuses[0].RestartCount);
        Assert.StartsWith("containerd://", running.Status.ContainerStatuses[0].ContainerID, StringComparison.Ordinal);
        Assert.NotNull(running.Status.StartTime);
        Assert.Equal(running.Metadata.Name + "\n", await harness.ExecAsync(running, "main", "hostname"));
        Assert.Contains(running.Metadata.Name, await harness.ExecAsync(running, "main", "cat", "/etc/hosts"), StringComparison.Ordinal);

        var node = await harness.Client.CoreV1.ReadNodeAsync(harness.NodeName);
        Assert.Equal("True", node.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.StartsWith("containerd://", node.Status.NodeInfo.ContainerRuntimeVersion, StringComparison.Ordinal);
        var lease = await harness.Client.CoordinationV1.ReadNamespacedLeaseAsync(harness.NodeName, "kube-node-lease");
        Assert.Equal(harness.NodeName, lease.Spec.HolderIdentity);
    }

    [Fact]
    public async Task Env_FromConfigMapSecretAndFieldRef_SeenInsideContainer()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        await harness.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "cfg" },
            Data = new Dictionary<string, string> { ["color"] = "blue" },
        }, "default");
        await harness.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "pw" },
            Data = new Dictionary<string, byte[]> { ["pass"] = "s3cret"u8.ToArray() },
        }, "default");
        var container = KubeletHarness.Container("main", harness.Image("shell"), "sh", "-c", "sleep 3600");
        container.Env =
        [
            new V1EnvVar { Name = "COLOR", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "cfg", Key = "color" } } },
            new V1EnvVar { Name = "PASS", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "pw", Key = "pass" } } },
            new V1EnvVar { Name = "MY_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            new V1EnvVar { Name = "MY_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
        ];
        var pod = await harness.CreateAsync(KubeletHarness.Pod("env", container));

        var running = await harness.WaitForAsync(pod, KubeletHarness.IsRunningAndReady, Timeout, "Running");
        var env = await harness.ExecAsync(running, "main", "env");

        Assert.Contains("COLOR=blue\n", env, StringComparison.Ordinal);
        Assert.Contains("PASS=s3cret\n", env, StringComparison.Ordinal);
        Assert.Contains($"MY_NAME={running.Metadata.Name}\n", env, StringComparison.Ordinal);
        Assert.Contains($"MY_IP={running.Status.PodIP}\n", env, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConfigMapKey_IsCreateContainerConfigError()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var container = KubeletHarness.Container("main", harness.Image("shell"), "sh", "-c", "sleep 3600");
        container.Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "none", Key = "k" } } }];
        var pod = await harness.CreateAsync(KubeletHarness.Pod("cfgerr", container));

        var waiting = await harness.WaitForAsync(pod, p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "CreateContainerConfigError", Timeout, "CreateContainerConfigError");

        Assert.Equal("configmap \"none\" not found", waiting.Status.ContainerStatuses[0].State.Waiting.Message);
        Assert.Equal("Pending", waiting.Status.Phase);
    }

    [Fact]
    public async Task InitContainers_RunInOrderBeforeMain()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var spec = KubeletHarness.Pod("init", KubeletHarness.Container("main", harness.Image("shell"), "sh", "-c", "cat /work/order; sleep 3600"));
        spec.Spec.Volumes = [new V1Volume { Name = "work", EmptyDir = new V1EmptyDirVolumeSource() }];
        spec.Spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }];
        spec.Spec.InitContainers =
        [
            Init("first", "sleep 1; echo first >> /work/order"),
            Init("second", "echo second >> /work/order"),
        ];
        var pod = await harness.CreateAsync(spec);

        var running = await harness.WaitForAsync(pod, KubeletHarness.IsRunningAndReady, Timeout, "Running after init");

        Assert.Equal("first\nsecond\n", await harness.ExecAsync(running, "main", "cat", "/work/order"));
        Assert.All(running.Status.InitContainerStatuses, s => Assert.Equal("Completed", s.State.Terminated.Reason));
        Assert.Equal("True", running.Status.Conditions.Single(c => c.Type == "Initialized").Status);

        V1Container Init(string name, string script)
        {
            var init = KubeletHarness.Container(name, harness.Image("shell"), "sh", "-c", script);
            init.VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }];
            return init;
        }
    }

    [Fact]
    public async Task Sidecar_RunsBesideMain_AndTheyTalkOverLocalhost()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var sidecar = KubeletHarness.Container("web", harness.Image("httpd"));
        sidecar.RestartPolicy = "Always";
        var spec = KubeletHarness.Pod("sidecar", KubeletHarness.Container("main", harness.Image("shell"), "sh", "-c", "sleep 3600"));
        spec.Spec.InitContainers = [sidecar];
        var pod = await harness.CreateAsync(spec);

        var running = await harness.WaitForAsync(pod, KubeletHarness.IsRunningAndReady, Timeout, "Running with sidecar");

        Assert.NotNull(running.Status.InitContainerStatuses[0].State.Running);
        Assert.NotNull(running.Status.ContainerStatuses[0].State.Running);
        string body = "";
        for (var i = 0; i < 50 && body.Length == 0; i++)
        {
            body = await harness.ExecAsync(running, "main", "wget", "-q", "-O", "-", "http://127.0.0.1:8080/");
            await Task.Delay(200);
        }

        Assert.Equal(running.Metadata.Name + "\n", body);
    }

    [Theory]
    [InlineData(0, "Succeeded", "Completed")]
    [InlineData(3, "Failed", "Error")]
    public async Task RestartNever_ExitCodeDecidesPhase_TerminationLogIsTheMessage(int code, string phase, string reason)
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var spec = KubeletHarness.Pod("exit", KubeletHarness.Container("main", harness.Image("shell"), "sh", "-c", $"echo -n done-{code} > /dev/termination-log; exit {code}"));
        spec.Spec.RestartPolicy = "Never";
        var pod = await harness.CreateAsync(spec);

        var done = await harness.WaitForAsync(pod, p => p.Status?.Phase == phase, Timeout, phase);

        var terminated = done.Status.ContainerStatuses[0].State.Terminated;
        Assert.Equal((code, reason), (terminated.ExitCode, terminated.Reason));
        Assert.Equal($"done-{code}", terminated.Message);
        Assert.Equal(0, done.Status.ContainerStatuses[0].RestartCount);
    }

    [Fact]
    public async Task CrashingContainer_BacksOffAndCountsRestarts()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var pod = await harness.CreateAsync(KubeletHarness.Pod("crash", KubeletHarness.Container("main", harness.Image("shell"), "sh", "-c", "exit 1")));

        var backingOff = await harness.WaitForAsync(pod,
            p => p.Status?.ContainerStatuses?[0] is { RestartCount: >= 1, State.Waiting.Reason: "CrashLoopBackOff" },
            Timeout, "CrashLoopBackOff after a restart");

        var status = backingOff.Status.ContainerStatuses[0];
        Assert.Equal(1, status.LastState.Terminated.ExitCode);
        Assert.Equal("Error", status.LastState.Terminated.Reason);
        Assert.Contains("back-off 10s restarting failed container=main", status.State.Waiting.Message, StringComparison.Ordinal);
        Assert.Equal("Running", backingOff.Status.Phase);

        await harness.WaitForAsync(pod, p => p.Status.ContainerStatuses[0].RestartCount >= 2, TimeSpan.FromSeconds(30), "a second restart after 10 s");
    }

    [Fact]
    public async Task MemoryLimit_KillIsReportedOomKilled()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var container = KubeletHarness.Container("main", harness.Image("memhog"));
        container.Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("48Mi") } };
        var spec = KubeletHarness.Pod("oom", container);
        spec.Spec.RestartPolicy = "Never";
        var pod = await harness.CreateAsync(spec);

        var failed = await harness.WaitForAsync(pod, p => p.Status?.Phase == "Failed", Timeout, "Failed");

        Assert.Equal(("OOMKilled", 137), (failed.Status.ContainerStatuses[0].State.Terminated.Reason, failed.Status.ContainerStatuses[0].State.Terminated.ExitCode));
        Assert.Equal("Burstable", failed.Status.QosClass);
    }

    [Fact]
    public async Task MissingImage_ErrImagePullThenImagePullBackOff()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var pod = await harness.CreateAsync(KubeletHarness.Pod("noimage", KubeletHarness.Container("main", $"{fixture.Registry}/skiff-test/missing:1", "sh")));

        var seen = new HashSet<string>();
        await harness.WaitForAsync(pod, p =>
        {
            if (p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason is { } reason)
            {
                seen.Add(reason);
            }

            // ErrImagePull lasts only until the back-off starts, so a poll can miss it; the back-off message names the image.
            return seen.Contains("ImagePullBackOff")
                && p.Status!.ContainerStatuses![0].State!.Waiting!.Message!.Contains("missing:1", StringComparison.Ordinal);
        }, Timeout, "ImagePullBackOff");
    }

    [Fact]
    public async Task DeletedPod_ContainersStopWithinGraceAndObjectDisappears()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var spec = KubeletHarness.Pod("delete", KubeletHarness.Container("main", harness.Image("shell"), "sh", "-c", "sleep 3600"));
        spec.Spec.TerminationGracePeriodSeconds = 3;
        var pod = await harness.CreateAsync(spec);
        var running = await harness.WaitForAsync(pod, KubeletHarness.IsRunningAndReady, Timeout, "Running");
        var uid = running.Metadata.Uid;

        var started = DateTime.UtcNow;
        await harness.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, "default");
        while ((await harness.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: $"metadata.name={pod.Metadata.Name}")).Items.Count > 0)
        {
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the pod object was not removed");
            await Task.Delay(200);
        }

        // sh as pid 1 ignores SIGTERM, so the runtime kills it once the 3 s grace are over.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
        var left = await harness.Host.Runtime.Cri.Runtime.ListContainersAsync(new Skiff.Kubelet.Cri.V1.ListContainersRequest
        {
            Filter = new Skiff.Kubelet.Cri.V1.ContainerFilter { LabelSelector = { ["io.kubernetes.pod.uid"] = uid } },
        });
        Assert.Empty(left.Containers);
    }

    [Fact]
    public async Task KubeletRestart_KeepsRunningContainer()
    {
        await using var harness = await KubeletHarness.StartAsync(fixture);
        var pod = await harness.CreateAsync(KubeletHarness.Pod("adopt", KubeletHarness.Container("main", harness.Image("shell"), "sh", "-c", "sleep 3600")));
        var before = await harness.WaitForAsync(pod, KubeletHarness.IsRunningAndReady, Timeout, "Running");

        await harness.RestartHostAsync();
        await Task.Delay(3000);
        var after = await harness.WaitForAsync(pod, KubeletHarness.IsRunningAndReady, Timeout, "Running after restart");

        Assert.Equal(before.Status.ContainerStatuses[0].ContainerID, after.Status.ContainerStatuses[0].ContainerID);
        Assert.Equal(0, after.Status.ContainerStatuses[0].RestartCount);
        Assert.Equal(before.Status.PodIP, after.Status.PodIP);
    }
}
