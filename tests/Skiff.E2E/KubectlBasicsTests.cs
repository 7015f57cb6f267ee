using System.Text.Json.Nodes;

namespace Skiff.E2E;

/// <summary>The everyday kubectl commands, with every kubectl version on the machine, against a real skiff server.</summary>
[Trait("Category", "Slow")]
public sealed class KubectlBasicsTests : IClassFixture<ServerFixture>
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: REPLICAS
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: localhost:5000/skiff-test/httpd:1
                ports:
                - containerPort: 80
        """;

    private readonly ServerFixture _fixture;

    public KubectlBasicsTests(ServerFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> Versions() => [.. Kubectl.Versions];

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task GetNamespaces_ListsTheSystemNamespaces(string version)
    {
        var output = await _fixture.Kubectl(version).OkAsync("get namespaces");

        foreach (var ns in (string[])["default", "kube-system", "kube-public", "kube-node-lease"])
        {
            Assert.Contains(ns, output, StringComparison.Ordinal);
        }

        Assert.Contains("Active", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Apply_CreatesThenChangesThenLeavesAlone(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "apply");

        var created = await kubectl.OkAsync($"apply -n {ns} -f -", Deployment.Replace("REPLICAS", "2", StringComparison.Ordinal));
        Assert.Contains("deployment.apps/web created", created, StringComparison.Ordinal);

        var changed = await kubectl.OkAsync($"apply -n {ns} -f -", Deployment.Replace("REPLICAS", "5", StringComparison.Ordinal));
        Assert.Contains("deployment.apps/web configured", changed, StringComparison.Ordinal);

        var same = await kubectl.OkAsync($"apply -n {ns} -f -", Deployment.Replace("REPLICAS", "5", StringComparison.Ordinal));
        Assert.Contains("deployment.apps/web unchanged", same, StringComparison.Ordinal);

        var json = JsonNode.Parse(await kubectl.OkAsync($"get deployment web -n {ns} -o json"))!;
        Assert.Equal(5, json["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, json["metadata"]!["generation"]!.GetValue<int>());
        Assert.NotNull(json["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task CreateLabelAnnotateDelete_ConfigMap(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "cm");
        const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n";

        Assert.Contains("configmap/settings created", await kubectl.OkAsync($"create -n {ns} -f -", ConfigMap), StringComparison.Ordinal);
        var again = await kubectl.RunAsync($"create -n {ns} -f -", ConfigMap);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("AlreadyExists", again.Stderr, StringComparison.Ordinal);

        await kubectl.OkAsync($"label configmap settings -n {ns} tier=backend");
        await kubectl.OkAsync($"annotate configmap settings -n {ns} note=hello");
        Assert.Contains("settings", await kubectl.OkAsync($"get configmaps -n {ns} -l tier=backend"), StringComparison.Ordinal);
        Assert.DoesNotContain("settings", await kubectl.OkAsync($"get configmaps -n {ns} -l tier=frontend"), StringComparison.Ordinal);
        Assert.Contains("settings", await kubectl.OkAsync($"get configmaps -n {ns} --field-selector metadata.name=settings"), StringComparison.Ordinal);

        var json = JsonNode.Parse(await kubectl.OkAsync($"get configmap settings -n {ns} -o json"))!;
        Assert.Equal("backend", json["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Equal("hello", json["metadata"]!["annotations"]!["note"]!.GetValue<string>());

        Assert.Contains("deleted", await kubectl.OkAsync($"delete configmap settings -n {ns} --wait"), StringComparison.Ordinal);
        var gone = await kubectl.RunAsync($"get configmap settings -n {ns}");
        Assert.Contains("NotFound", gone.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Patch_AllThreeTypes(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "patch");
        await kubectl.OkAsync($"apply -n {ns} -f -", Deployment.Replace("REPLICAS", "1", StringComparison.Ordinal));

        await kubectl.OkAsync($"patch deployment web -n {ns} --type=merge -p '{{\"spec\":{{\"replicas\":2}}}}'");
        await kubectl.OkAsync($"patch deployment web -n {ns} --type=json -p '[{{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}}]'");
        await kubectl.OkAsync($"patch deployment web -n {ns} -p '{{\"spec\":{{\"template\":{{\"spec\":{{\"containers\":[{{\"name\":\"sidecar\",\"image\":\"busybox\"}}]}}}}}}}}'");

        var json = JsonNode.Parse(await kubectl.OkAsync($"get deployment web -n {ns} -o json"))!;
        Assert.Equal(3, json["spec"]!["replicas"]!.GetValue<int>());
        var containers = json["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["sidecar", "web"], containers.Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Scale_ChangesReplicasThroughTheScaleSubresource(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "scale");
        await kubectl.OkAsync($"apply -n {ns} -f -", Deployment.Replace("REPLICAS", "1", StringComparison.Ordinal));

        Assert.Contains("scaled", await kubectl.OkAsync($"scale deployment web -n {ns} --replicas=4"), StringComparison.Ordinal);

        Assert.Equal("4", (await kubectl.OkAsync($"get deployment web -n {ns} -o jsonpath={{.spec.replicas}}")).Trim());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ApiResourcesAndWhoami_Work(string version)
    {
        var kubectl = _fixture.Kubectl(version);

        var resources = await kubectl.OkAsync("api-resources");
        Assert.Contains("deployments", resources, StringComparison.Ordinal);
        Assert.Contains("deploy", resources, StringComparison.Ordinal);
        Assert.Contains("customresourcedefinitions", resources, StringComparison.Ordinal);

        var whoami = await kubectl.RunAsync("auth whoami");
        if (whoami.ExitCode == 0)
        {
            Assert.Contains("system:admin", whoami.Stdout, StringComparison.Ordinal);
        }
        else
        {
            // kubectl 1.27 only knows the v1alpha1/v1beta1 review and says the server lacks it.
            Assert.Equal("1.27", version);
        }

        Assert.Equal("yes", (await kubectl.OkAsync("auth can-i create pods")).Trim());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Describe_PodAndDeployment(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "describe");
        await kubectl.OkAsync($"apply -n {ns} -f -", Deployment.Replace("REPLICAS", "2", StringComparison.Ordinal));
        const string Pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: lone\nspec:\n  containers:\n  - name: c\n    image: localhost:5000/skiff-test/httpd:1\n";
        await kubectl.OkAsync($"apply -n {ns} -f -", Pod);

        var pod = await kubectl.OkAsync($"describe pod lone -n {ns}");
        Assert.Contains("Name:", pod, StringComparison.Ordinal);
        Assert.Contains("lone", pod, StringComparison.Ordinal);
        Assert.Contains("Pending", pod, StringComparison.Ordinal);
        Assert.Contains("Events:", pod, StringComparison.Ordinal);

        var deployment = await kubectl.OkAsync($"describe deployment web -n {ns}");
        Assert.Contains("2 desired", deployment, StringComparison.Ordinal);
        Assert.Contains("RollingUpdate", deployment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedList_PagesThroughSixHundredObjects()
    {
        var kubectl = _fixture.Kubectl("1.33");
        var ns = await _fixture.NamespaceAsync(kubectl, "chunk");
        var manifest = new System.Text.StringBuilder();
        for (var i = 0; i < 600; i++)
        {
            manifest.Append($"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i:D4}\ndata:\n  i: \"{i}\"\n");
        }

        // 600 sequential POSTs each fsynced: generous on a loaded 2-core machine.
        await kubectl.OkAsync($"create -n {ns} -f -", manifest.ToString(), timeoutSeconds: 300);

        var names = (await kubectl.OkAsync($"get configmaps -n {ns} --chunk-size=50 -o name")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ours = names.Where(n => n.StartsWith("configmap/cm-", StringComparison.Ordinal)).ToList();
        Assert.Equal(600, ours.Count);
        Assert.Equal(600, ours.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ours.Order(StringComparer.Ordinal).ToList(), ours);
    }
}
