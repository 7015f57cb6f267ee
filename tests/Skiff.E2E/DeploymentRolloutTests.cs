using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Skiff.E2E;

/// <summary>
/// Upstream's "nginx-deployment" walkthrough with real kubectl, against a server whose controllers and scheduler place
/// pods on hollow nodes that make them Running and Ready.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DeploymentRolloutTests : IClassFixture<DeploymentRolloutTests.Cluster>
{
    private const string Image1 = "localhost:5000/skiff-test/httpd:1";
    private readonly Cluster _cluster;

    public DeploymentRolloutTests(Cluster cluster)
    {
        _cluster = cluster;
    }

    [Fact]
    public async Task NginxDeployment_Walkthrough()
    {
        var kubectl = _cluster.Kubectl;
        var ns = await _cluster.Fixture.NamespaceAsync(kubectl, "rollout");
        await kubectl.OkAsync($"apply -n {ns} -f -", Manifest("nginx-deployment", 3, Image1));
        await RolloutStatusAsync(ns, "nginx-deployment");
        Assert.Equal(3, await ReadyPodsAsync(ns));

        await kubectl.OkAsync($"scale -n {ns} deployment/nginx-deployment --replicas=10");
        await RolloutStatusAsync(ns, "nginx-deployment");
        await UntilAsync(async () => await ReadyPodsAsync(ns) == 10, "10 ready pods");
        await kubectl.OkAsync($"scale -n {ns} deployment/nginx-deployment --replicas=2");
        await UntilAsync(async () => await LivePodsAsync(ns) == 2, "2 pods after scaling down");

        await kubectl.OkAsync($"scale -n {ns} deployment/nginx-deployment --replicas=4");
        await RolloutStatusAsync(ns, "nginx-deployment");
        await using (var watcher = await RolloutWatcher.StartAsync(_cluster.Client, ns, replicas: 4, maxSurge: 1, maxUnavailable: 1))
        {
            await kubectl.OkAsync($"set image -n {ns} deployment/nginx-deployment nginx=localhost:5000/skiff-test/httpd:2");
            await RolloutStatusAsync(ns, "nginx-deployment");
            watcher.AssertHeld();
        }

        var history = await kubectl.OkAsync($"rollout history -n {ns} deployment/nginx-deployment");
        Assert.Contains("1 ", history, StringComparison.Ordinal);
        Assert.Contains("2 ", history, StringComparison.Ordinal);

        await using (var watcher = await RolloutWatcher.StartAsync(_cluster.Client, ns, replicas: 4, maxSurge: 1, maxUnavailable: 1))
        {
            await kubectl.OkAsync($"rollout undo -n {ns} deployment/nginx-deployment");
            await RolloutStatusAsync(ns, "nginx-deployment");
            watcher.AssertHeld();
        }

        var deployment = await _cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("nginx-deployment", ns);
        Assert.Equal(Image1, deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("3", deployment.Metadata.Annotations["deployment.kubernetes.io/revision"]);

        var before = (await _cluster.Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Count;
        await kubectl.OkAsync($"rollout pause -n {ns} deployment/nginx-deployment");
        await kubectl.OkAsync($"set image -n {ns} deployment/nginx-deployment nginx=localhost:5000/skiff-test/httpd:3");
        await kubectl.OkAsync($"set resources -n {ns} deployment/nginx-deployment -c=nginx --limits=cpu=200m,memory=64Mi");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(before, (await _cluster.Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Count);

        await kubectl.OkAsync($"rollout resume -n {ns} deployment/nginx-deployment");
        await RolloutStatusAsync(ns, "nginx-deployment");
        var sets = (await _cluster.Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items;
        Assert.Equal(before + 1, sets.Count);
        var newest = sets.Single(rs => rs.Spec.Template.Spec.Containers[0].Image.EndsWith(":3", StringComparison.Ordinal));
        Assert.Equal("200m", newest.Spec.Template.Spec.Containers[0].Resources.Limits["cpu"].ToString());
        Assert.Equal(4, newest.Status.ReadyReplicas);
    }

    [Fact]
    public async Task RolloutStatus_FailsAtTheProgressDeadline()
    {
        var kubectl = _cluster.Kubectl;
        var ns = await _cluster.Fixture.NamespaceAsync(kubectl, "deadline");
        var manifest = Manifest("stuck", 2, Image1, progressDeadlineSeconds: 8)
            .Replace("      containers:", "      nodeSelector:\n        skiff.io/no-such-node: \"true\"\n      containers:", StringComparison.Ordinal);
        await kubectl.OkAsync($"apply -n {ns} -f -", manifest);

        var result = await kubectl.RunAsync($"rollout status -n {ns} deployment/stuck --timeout=90s", timeoutSeconds: 120);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("exceeded its progress deadline", result.Stderr + result.Stdout, StringComparison.Ordinal);
        var deployment = await _cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("stuck", ns);
        var progressing = deployment.Status.Conditions.Single(c => c.Type == "Progressing");
        Assert.Equal("ProgressDeadlineExceeded", progressing.Reason);
    }

    [Fact]
    public async Task Delete_CascadesBackgroundForegroundAndOrphan()
    {
        var kubectl = _cluster.Kubectl;
        var ns = await _cluster.Fixture.NamespaceAsync(kubectl, "cascade");
        foreach (var name in (string[])["bg", "fg", "orphan"])
        {
            await kubectl.OkAsync($"apply -n {ns} -f -", Manifest(name, 2, Image1));
            await RolloutStatusAsync(ns, name);
        }

        await kubectl.OkAsync($"delete -n {ns} deployment/bg");
        await kubectl.OkAsync($"delete -n {ns} deployment/fg --cascade=foreground");
        await kubectl.OkAsync($"delete -n {ns} deployment/orphan --cascade=orphan");

        await UntilAsync(async () => (await PodsOfAsync(ns, "bg")) == 0 && (await PodsOfAsync(ns, "fg")) == 0, "bg and fg pods gone");
        var sets = (await _cluster.Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items;
        var orphaned = Assert.Single(sets);
        Assert.StartsWith("orphan-", orphaned.Metadata.Name, StringComparison.Ordinal);
        Assert.True(orphaned.Metadata.OwnerReferences is null or { Count: 0 });
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await PodsOfAsync(ns, "orphan"));
    }

    [Fact]
    public async Task NamespaceDeletion_RemovesEverythingInside_CustomResourcesToo()
    {
        var kubectl = _cluster.Kubectl;
        var group = $"ns{Guid.NewGuid().ToString("N")[..6]}.skiff.io";
        await kubectl.OkAsync("apply -f -", $$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.{{group}}
            spec:
              group: {{group}}
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """);
        await UntilAsync(async () => (await kubectl.RunAsync($"get widgets.{group}")).ExitCode == 0, "CRD served");
        var ns = await _cluster.Fixture.NamespaceAsync(kubectl, "doomed");
        await kubectl.OkAsync($"apply -n {ns} -f -", $"apiVersion: {group}/v1\nkind: Widget\nmetadata:\n  name: w1\n");
        await kubectl.OkAsync($"apply -n {ns} -f -", Manifest("inside", 2, Image1));
        await RolloutStatusAsync(ns, "inside");

        await kubectl.OkAsync($"delete namespace {ns} --wait=false");

        await UntilAsync(async () => (await kubectl.RunAsync($"get namespace {ns}")).ExitCode != 0, "namespace gone", TimeSpan.FromSeconds(90));
        var widgets = await kubectl.OkAsync($"get widgets.{group} -A -o name");
        Assert.DoesNotContain("w1", widgets, StringComparison.Ordinal);
    }

    private async Task RolloutStatusAsync(string ns, string name)
    {
        var result = await _cluster.Kubectl.RunAsync($"rollout status -n {ns} deployment/{name} --timeout=120s", timeoutSeconds: 150);
        Assert.True(result.ExitCode == 0, $"rollout status failed:\n{result.Stderr}\n{result.Stdout}");
        Assert.Contains("successfully rolled out", result.Stdout, StringComparison.Ordinal);
    }

    private async Task<int> ReadyPodsAsync(string ns) =>
        (await _cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count(p =>
            p.Metadata.DeletionTimestamp is null && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);

    private async Task<int> LivePodsAsync(string ns) =>
        (await _cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count(p => p.Metadata.DeletionTimestamp is null);

    private async Task<int> PodsOfAsync(string ns, string app) =>
        (await _cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"app={app}")).Items.Count;

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"timed out waiting for {what}");
    }

    private static string Manifest(string name, int replicas, string image, int progressDeadlineSeconds = 600) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels: {"{"}app: {name}{"}"}
        spec:
          replicas: {replicas}
          progressDeadlineSeconds: {progressDeadlineSeconds}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          strategy:
            rollingUpdate: {"{"}maxSurge: 25%, maxUnavailable: 25%{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: nginx
                image: {image}
                ports:
                - containerPort: 8080
        """;

    /// <summary>One server with controllers and scheduler, and hollow nodes making pods Running and Ready.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private HollowNodesProcess? _nodes;

        public ServerFixture Fixture { get; } = new();

        public Kubectl Kubectl => Fixture.Kubectl("1.33");

        public Kubernetes Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Fixture.InitializeAsync();
            Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Fixture.Server.Kubeconfig));
            _nodes = await HollowNodesProcess.StartAsync(Fixture.Server.Kubeconfig, 4, null, "--cpu", "32", "--memory", "64Gi");
        }

        public async Task DisposeAsync()
        {
            if (_nodes is not null)
            {
                await _nodes.DisposeAsync();
            }

            Client?.Dispose();
            await Fixture.DisposeAsync();
        }
    }
}
