using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Skiff.E2E;

/// <summary>
/// One server with two scheduler profiles and a fixed set of hollow nodes, shared by the scheduler tests:
/// three "tier=a" nodes in zones zone-0..2, one "tier=b" node without a zone, and one "tier=c" node tainted
/// dedicated=gpu:NoSchedule. Each test works in its own namespace and selects the nodes it needs by tier.
/// </summary>
public sealed class SchedulerCluster : IAsyncLifetime
{
    /// <summary>The second profile in the --scheduler-config file; it packs pods (MostAllocated).</summary>
    public const string SecondProfile = "bin-packing-scheduler";

    private const string SchedulerConfig = """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        profiles:
        - schedulerName: default-scheduler
        - schedulerName: bin-packing-scheduler
          pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: MostAllocated
        """;

    private readonly List<HollowNodesProcess> _nodeSets = [];
    private SkiffServer? _server;
    private Kubernetes? _client;
    private string? _configDir;

    public SkiffServer Server => _server ?? throw new InvalidOperationException("not started");

    public Kubernetes Client => _client ?? throw new InvalidOperationException("not started");

    public HollowNodesProcess TierA => _nodeSets[0];

    public HollowNodesProcess TierB => _nodeSets[1];

    public HollowNodesProcess TierC => _nodeSets[2];

    public async Task InitializeAsync()
    {
        _configDir = Directory.CreateTempSubdirectory("skiff-e2e-sched-").FullName;
        var configFile = Path.Combine(_configDir, "scheduler.yaml");
        await File.WriteAllTextAsync(configFile, SchedulerConfig);
        _server = await SkiffServer.StartAsync(null, "--scheduler-config", configFile);
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.Kubeconfig));
        var sets = await Task.WhenAll(
            HollowNodesProcess.StartAsync(_server.Kubeconfig, 3, null, "--zones", "3", "--labels", "tier=a"),
            HollowNodesProcess.StartAsync(_server.Kubeconfig, 1, null, "--labels", "tier=b"),
            HollowNodesProcess.StartAsync(_server.Kubeconfig, 1, null, "--labels", "tier=c", "--taints", "dedicated=gpu:NoSchedule"));
        _nodeSets.AddRange(sets);
    }

    /// <summary>Starts more nodes that live until the cluster is disposed.</summary>
    public async Task<HollowNodesProcess> AddNodesAsync(int count, params string[] extraArgs)
    {
        var nodes = await HollowNodesProcess.StartAsync(Server.Kubeconfig, count, null, extraArgs);
        _nodeSets.Add(nodes);
        return nodes;
    }

    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>Reads until <paramref name="done"/> holds, failing with the last value read after <paramref name="timeout"/>.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
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

    public Task<V1Pod> BoundAsync(string ns, string name) =>
        Until(() => Client.CoreV1.ReadNamespacedPodAsync(name, ns), p => !string.IsNullOrEmpty(p.Spec.NodeName), TimeSpan.FromSeconds(30));

    /// <summary>Waits for the scheduler to give up on the pod: its PodScheduled=False condition.</summary>
    public Task<V1Pod> UnschedulableAsync(string ns, string name) =>
        Until(
            () => Client.CoreV1.ReadNamespacedPodAsync(name, ns),
            p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False") == true,
            TimeSpan.FromSeconds(30));

    public async Task<IReadOnlyList<Corev1Event>> FailedSchedulingEventsAsync(string ns, string pod)
    {
        var events = await Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: $"involvedObject.name={pod}");
        return [.. events.Items.Where(e => e.Reason == "FailedScheduling")];
    }

    public async Task DisposeAsync()
    {
        foreach (var nodes in _nodeSets)
        {
            await nodes.DisposeAsync();
        }

        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_configDir is not null)
        {
            Directory.Delete(_configDir, recursive: true);
        }
    }
}
