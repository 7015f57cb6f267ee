using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Kubelet.Pods;
using Skiff.Kubelet.Tests.Runtime;
using Skiff.Testing;

namespace Skiff.Kubelet.Tests.Pods;

/// <summary>A real API server in-process and a KubeletHost on the shared containerd; pods are bound to its node directly.</summary>
internal sealed class KubeletHarness : IAsyncDisposable
{
    private readonly RuntimeFixture _fixture;

    private KubeletHarness(RuntimeFixture fixture, InProcessCluster cluster, Kubernetes client)
    {
        _fixture = fixture;
        Cluster = cluster;
        Client = client;
    }

    public InProcessCluster Cluster { get; }

    public Kubernetes Client { get; }

    public KubeletHost Host { get; private set; } = null!;

    public string NodeName { get; } = "node-" + Guid.NewGuid().ToString("N")[..8];

    public string Image(string name) => $"{_fixture.Registry}/skiff-test/{name}:1";

    public static async Task<KubeletHarness> StartAsync(RuntimeFixture fixture)
    {
        var cluster = await InProcessCluster.StartAsync();
        var harness = new KubeletHarness(fixture, cluster, cluster.NewClient());
        await harness.PublishServiceAccountBasicsAsync();
        await harness.StartHostAsync();
        return harness;
    }

    public async Task StartHostAsync()
    {
        Host = await KubeletHost.StartAsync(
            new KubeletOptions { DataDir = _fixture.DataDir, NodeName = NodeName, PodCidr = _fixture.PodCidr },
            Client,
            NullLoggerFactory.Instance,
            TimeProvider.System,
            CancellationToken.None,
            runtime: _fixture.Runtime);
    }

    /// <summary>
    /// What the service account and root-CA controllers would have made by now (no controllers run here): pods get a
    /// kube-api-access volume at admission and need both to mount it.
    /// </summary>
    private async Task PublishServiceAccountBasicsAsync()
    {
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "default" } }, "default");
        var ca = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(Cluster.KubeconfigPath)!, "server", "tls", "server-ca.crt"));
        await Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kube-root-ca.crt" }, Data = new Dictionary<string, string> { ["ca.crt"] = ca } }, "default");
    }

    public async Task RestartHostAsync()
    {
        await Host.DisposeAsync();
        await StartHostAsync();
    }

    public Task<V1Pod> CreateAsync(V1Pod pod)
    {
        pod.Metadata.NamespaceProperty ??= "default";
        pod.Spec.NodeName = NodeName;
        pod.Spec.TerminationGracePeriodSeconds ??= 5;
        return Client.CoreV1.CreateNamespacedPodAsync(pod, pod.Metadata.NamespaceProperty);
    }

    public static V1Container Container(string name, string image, params string[] command) => new()
    {
        Name = name,
        Image = image,
        Command = command.Length == 0 ? null : command,
        ImagePullPolicy = "IfNotPresent",
    };

    public static V1Pod Pod(string name, params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = name + "-" + Guid.NewGuid().ToString("N")[..6] },
        Spec = new V1PodSpec { Containers = containers, RestartPolicy = "Always" },
    };

    /// <summary>Polls the pod until <paramref name="condition"/> holds; fails with the last status seen.</summary>
    public async Task<V1Pod> WaitForAsync(V1Pod pod, Func<V1Pod, bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        V1Pod current = pod;
        while (true)
        {
            current = await Client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty);
            if (condition(current))
            {
                return current;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"timed out waiting for {what}; status: {KubernetesJson.Serialize(current.Status)}");
            }

            await Task.Delay(200);
        }
    }

    public async Task<string> ExecAsync(V1Pod pod, string container, params string[] command)
    {
        var id = pod.Status.ContainerStatuses.Single(s => s.Name == container).ContainerID["containerd://".Length..];
        var result = await _fixture.Runtime.Cri.Runtime.ExecSyncAsync(new Skiff.Kubelet.Cri.V1.ExecSyncRequest { ContainerId = id, Cmd = { command }, Timeout = 10 });
        return result.Stdout.ToStringUtf8();
    }

    public static bool IsRunningAndReady(V1Pod pod) =>
        pod.Status?.Phase == "Running" && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>Deletes every pod still bound here and waits until the kubelet removed them, so no test leaves containers behind.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            var pods = await Client.CoreV1.ListNamespacedPodAsync("default");
            foreach (var pod in pods.Items)
            {
                await Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, "default", new V1DeleteOptions { GracePeriodSeconds = 1 });
            }

            var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while ((await Client.CoreV1.ListNamespacedPodAsync("default")).Items.Count > 0 && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }
        }
        finally
        {
            await Host.DisposeAsync();
            Client.Dispose();
            await Cluster.DisposeAsync();
        }
    }
}
