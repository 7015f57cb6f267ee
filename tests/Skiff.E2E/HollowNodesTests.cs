using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Skiff.E2E;

/// <summary>`skiff hollow-nodes` against a real server: nodes, leases, and the life of pods bound to them.</summary>
[Trait("Category", "Slow")]
public sealed class HollowNodesTests : IClassFixture<HollowNodesTests.Cluster>
{
    private readonly Cluster _cluster;

    public HollowNodesTests(Cluster cluster)
    {
        _cluster = cluster;
    }

    [Fact]
    public async Task Nodes_AppearReadyInKubectl()
    {
        var output = await _cluster.Kubectl.OkAsync("get nodes --no-headers");

        foreach (var name in _cluster.Nodes.NodeNames)
        {
            var line = output.Split('\n').SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.True(line is not null, $"{name} missing from:\n{output}");
            Assert.Contains(" Ready ", line, StringComparison.Ordinal);
            Assert.Contains("v1.33.0-skiff-hollow", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Leases_AreRenewed()
    {
        var name = _cluster.Nodes.NodeNames[0];
        var first = await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(name, "kube-node-lease");
        Assert.Equal(name, first.Spec.HolderIdentity);
        Assert.Equal("Node", Assert.Single(first.Metadata.OwnerReferences).Kind);

        var renewed = await Until(
            async () => await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(name, "kube-node-lease"),
            lease => lease.Spec.RenewTime > first.Spec.RenewTime,
            TimeSpan.FromSeconds(25));

        Assert.InRange((renewed.Spec.RenewTime!.Value - first.Spec.RenewTime!.Value).TotalSeconds, 5, 20);
    }

    [Fact]
    public async Task BoundPod_BecomesRunningAndReady_WithAPodIp()
    {
        var ns = await _cluster.NamespaceAsync();
        var node = _cluster.Nodes.NodeNames[1];
        await _cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod("web", node), ns);

        var pod = await Until(
            () => _cluster.Client.CoreV1.ReadNamespacedPodAsync("web", ns),
            p => p.Status?.Phase == "Running",
            TimeSpan.FromSeconds(30));

        Assert.Equal("True", pod.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.StartsWith("100.", pod.Status.PodIP, StringComparison.Ordinal);
        Assert.Equal(pod.Status.PodIP, Assert.Single(pod.Status.PodIPs).Ip);
        Assert.StartsWith("10.200.", pod.Status.HostIP, StringComparison.Ordinal);
        var container = Assert.Single(pod.Status.ContainerStatuses);
        Assert.True(container.Ready);
        Assert.NotNull(container.State.Running);
        var wide = await _cluster.Kubectl.OkAsync($"get pod web -n {ns} --no-headers");
        Assert.Contains("1/1", wide, StringComparison.Ordinal);
        Assert.Contains("Running", wide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCodeAnnotation_EndsThePodFailedWithThatCode()
    {
        var ns = await _cluster.NamespaceAsync();
        var pod = Pod("fails", _cluster.Nodes.NodeNames[2]);
        pod.Metadata.Annotations = new Dictionary<string, string> { ["skiff.io/hollow-exit-code"] = "7", ["skiff.io/hollow-run-seconds"] = "1" };
        pod.Spec.RestartPolicy = "Never";
        await _cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, ns);

        var ended = await Until(
            () => _cluster.Client.CoreV1.ReadNamespacedPodAsync("fails", ns),
            p => p.Status?.Phase is "Failed" or "Succeeded",
            TimeSpan.FromSeconds(30));

        Assert.Equal("Failed", ended.Status.Phase);
        var terminated = Assert.Single(ended.Status.ContainerStatuses).State.Terminated;
        Assert.Equal(7, terminated.ExitCode);
        Assert.Equal("Error", terminated.Reason);
    }

    [Fact]
    public async Task KubectlDeletePod_Completes()
    {
        var ns = await _cluster.NamespaceAsync();
        await _cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod("gone", _cluster.Nodes.NodeNames[0]), ns);
        await Until(() => _cluster.Client.CoreV1.ReadNamespacedPodAsync("gone", ns), p => p.Status?.Phase == "Running", TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        await _cluster.Kubectl.OkAsync($"delete pod gone -n {ns} --timeout=20s");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"deletion took {clock.Elapsed}");
        var left = await _cluster.Client.CoreV1.ListNamespacedPodAsync(ns);
        Assert.Empty(left.Items);
    }

    [Fact]
    public async Task Stopping_StopsLeaseRenewals_AndLeavesTheNodes()
    {
        var hollow = await HollowNodesProcess.StartAsync(_cluster.Server.Kubeconfig, 2);
        await using (hollow)
        {
            var name = hollow.NodeNames[1];
            var exit = await hollow.StopAsync(TimeSpan.FromSeconds(10));

            // 143 is System.CommandLine giving up after its 2 s termination grace, which a loaded machine can exceed.
            Assert.True(exit is 0 or 143, $"exit code {exit}:\n{hollow.Log}");
            var last = await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(name, "kube-node-lease");

            await Task.Delay(TimeSpan.FromSeconds(12));

            var later = await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(name, "kube-node-lease");
            Assert.Equal(last.Spec.RenewTime, later.Spec.RenewTime);
            Assert.Equal(last.Metadata.ResourceVersion, later.Metadata.ResourceVersion);
            Assert.NotNull(await _cluster.Client.CoreV1.ReadNodeAsync(name));
        }
    }

    [Fact]
    public async Task DeleteOnExit_RemovesNodesAndLeases()
    {
        var hollow = await HollowNodesProcess.StartAsync(_cluster.Server.Kubeconfig, 2, null, "--delete-on-exit");
        await using (hollow)
        {
            Assert.Equal(0, await hollow.StopAsync(TimeSpan.FromSeconds(30)));

            var nodes = await _cluster.Client.CoreV1.ListNodeAsync();
            Assert.DoesNotContain(nodes.Items, n => n.Metadata.Name.StartsWith(hollow.Prefix, StringComparison.Ordinal));
            var leases = await _cluster.Client.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease");
            Assert.DoesNotContain(leases.Items, l => l.Metadata.Name.StartsWith(hollow.Prefix, StringComparison.Ordinal));
        }
    }

    private static V1Pod Pod(string name, string node) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
    };

    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(clock.Elapsed < timeout, $"condition not met in {timeout}: {KubernetesJson.Serialize(value)}");
            await Task.Delay(200);
        }
    }

    /// <summary>One server and three hollow nodes shared by the tests of this class.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private SkiffServer? _server;
        private HollowNodesProcess? _nodes;
        private Kubernetes? _client;

        public SkiffServer Server => _server ?? throw new InvalidOperationException("not started");

        public HollowNodesProcess Nodes => _nodes ?? throw new InvalidOperationException("not started");

        public Kubernetes Client => _client ?? throw new InvalidOperationException("not started");

        public Kubectl Kubectl => new("1.33", Server.Kubeconfig);

        public async Task InitializeAsync()
        {
            _server = await SkiffServer.StartAsync();
            _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.Kubeconfig));
            _nodes = await HollowNodesProcess.StartAsync(_server.Kubeconfig, 3);
        }

        public async Task<string> NamespaceAsync()
        {
            var name = $"hollow-{Guid.NewGuid().ToString("N")[..6]}";
            await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
            return name;
        }

        public async Task DisposeAsync()
        {
            if (_nodes is not null)
            {
                await _nodes.DisposeAsync();
            }

            _client?.Dispose();
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
