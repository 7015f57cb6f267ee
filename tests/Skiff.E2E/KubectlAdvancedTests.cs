using System.Text.Json.Nodes;

namespace Skiff.E2E;

/// <summary>Server-side apply, diff, edit, explain and a CRD's whole life, with real kubectl.</summary>
[Trait("Category", "Slow")]
public sealed class KubectlAdvancedTests : IClassFixture<ServerFixture>
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  owner: VALUE\n";

    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
          versions:
          - name: v1
            served: true
            storage: true
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer, minimum: 1}
        """;

    private readonly ServerFixture _fixture;

    public KubectlAdvancedTests(ServerFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> Versions() => [.. Kubectl.Versions];

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task ServerSideApply_ConflictsBetweenManagers_AndForceTakesOver(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "ssa");

        await kubectl.OkAsync($"apply --server-side --field-manager=alice -n {ns} -f -", ConfigMap.Replace("VALUE", "alice", StringComparison.Ordinal));
        var conflict = await kubectl.RunAsync($"apply --server-side --field-manager=bob -n {ns} -f -", ConfigMap.Replace("VALUE", "bob", StringComparison.Ordinal));
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict", conflict.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(".data.owner", conflict.Stderr, StringComparison.Ordinal);

        await kubectl.OkAsync($"apply --server-side --field-manager=bob --force-conflicts -n {ns} -f -", ConfigMap.Replace("VALUE", "bob", StringComparison.Ordinal));
        var json = JsonNode.Parse(await kubectl.OkAsync($"get configmap shared -n {ns} -o json --show-managed-fields"))!;
        Assert.Equal("bob", json["data"]!["owner"]!.GetValue<string>());
        var managers = json["metadata"]!["managedFields"]!.AsArray().Select(m => m!["manager"]!.GetValue<string>()).ToList();
        Assert.Contains("bob", managers);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Diff_ExitsOneOnChangesAndZeroWithout(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "diff");
        await kubectl.OkAsync($"apply -n {ns} -f -", ConfigMap.Replace("VALUE", "one", StringComparison.Ordinal));

        var changed = await kubectl.RunAsync($"diff -n {ns} -f -", ConfigMap.Replace("VALUE", "two", StringComparison.Ordinal));
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("two", changed.Stdout, StringComparison.Ordinal);

        var same = await kubectl.RunAsync($"diff -n {ns} -f -", ConfigMap.Replace("VALUE", "one", StringComparison.Ordinal));
        Assert.Equal(0, same.ExitCode);
        Assert.Equal("one", (await kubectl.OkAsync($"get configmap shared -n {ns} -o jsonpath={{.data.owner}}")).Trim());
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.33")]
    public async Task Edit_WithAnEditorScript_UpdatesTheObject(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "edit");
        await kubectl.OkAsync($"apply -n {ns} -f -", ConfigMap.Replace("VALUE", "before", StringComparison.Ordinal));
        var editor = Path.Combine(_fixture.Server.DataDir, $"editor-{version}.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i 's/owner: before/owner: after/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await kubectl.RunAsync($"edit configmap shared -n {ns}", env: new Dictionary<string, string> { ["KUBE_EDITOR"] = editor });

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("after", (await kubectl.OkAsync($"get configmap shared -n {ns} -o jsonpath={{.data.owner}}")).Trim());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Create_WithAnUnknownField_IsRefusedByStrictValidation(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "strict");

        var result = await kubectl.RunAsync($"create -n {ns} -f -", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\ndatta:\n  a: b\n");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown field \"datta\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("NotFound", (await kubectl.RunAsync($"get configmap typo -n {ns}")).Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task CreateToken_GivesABearerTokenThatActsAsTheServiceAccount(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "token");
        await kubectl.OkAsync($"create serviceaccount builder -n {ns}");

        var token = (await kubectl.OkAsync($"create token builder -n {ns} --duration=15m")).Trim();

        Assert.Equal(3, token.Split('.').Length);
        var review = await kubectl.OkAsync("create -o json -f -", $"{{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{{\"token\":\"{token}\"}}}}");
        var status = JsonNode.Parse(review)!["status"]!;
        Assert.True((bool)status["authenticated"]!);
        Assert.Equal($"system:serviceaccount:{ns}:builder", (string?)status["user"]!["username"]);
        var asAccount = await kubectl.RunAsync($"get configmaps -n {ns} --token={token}");
        Assert.True(asAccount.ExitCode == 0, asAccount.Stderr);
        var tooShort = await kubectl.RunAsync($"create token builder -n {ns} --duration=1m");
        Assert.NotEqual(0, tooShort.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task HpaAndEvent_WrittenThroughOneVersion_ReadThroughTheOther(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "convert");
        await kubectl.OkAsync($"apply -n {ns} -f -", """
            apiVersion: autoscaling/v1
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 5
              targetCPUUtilizationPercentage: 55
            ---
            apiVersion: events.k8s.io/v1
            kind: Event
            metadata: {name: web.1}
            eventTime: "2026-01-01T00:00:00.000000Z"
            reportingController: example.com/tester
            reportingInstance: tester-1
            action: Testing
            reason: Converted
            type: Normal
            note: written as events.k8s.io
            regarding: {apiVersion: apps/v1, kind: Deployment, name: web}
            """);

        var v2 = await kubectl.OkAsync($"get horizontalpodautoscalers.v2.autoscaling web -n {ns} -o jsonpath={{.spec.metrics[0].resource.target.averageUtilization}}");
        Assert.Equal("55", v2.Trim());
        Assert.Contains("web", await kubectl.OkAsync($"get hpa -n {ns}"), StringComparison.Ordinal);
        var core = JsonNode.Parse(await kubectl.OkAsync($"get --raw /api/v1/namespaces/{ns}/events"))!["items"]![0]!;
        Assert.Equal(("written as events.k8s.io", "Deployment", "Converted"), ((string?)core["message"], (string?)core["involvedObject"]!["kind"], (string?)core["reason"]));
        Assert.Contains("written as events.k8s.io", await kubectl.OkAsync($"get events -n {ns}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Explain_DescribesFields(string version)
    {
        var output = await _fixture.Kubectl(version).OkAsync("explain deployment.spec.replicas");

        Assert.Contains("replicas", output, StringComparison.Ordinal);
        Assert.Contains("integer", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task CustomResourceDefinition_WholeLife(string version)
    {
        var kubectl = _fixture.Kubectl(version);
        var ns = await _fixture.NamespaceAsync(kubectl, "crd");
        var crd = Crd.Replace("widgets.example.com", $"widgets.v{version.Replace(".", string.Empty, StringComparison.Ordinal)}.example.com", StringComparison.Ordinal)
            .Replace("group: example.com", $"group: v{version.Replace(".", string.Empty, StringComparison.Ordinal)}.example.com", StringComparison.Ordinal);
        var group = $"v{version.Replace(".", string.Empty, StringComparison.Ordinal)}.example.com";

        await kubectl.OkAsync("apply -f -", crd);
        await kubectl.OkAsync($"wait --for=condition=Established crd/widgets.{group} --timeout=30s");

        var widget = $"apiVersion: {group}/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n  unknown: dropped\n";
        await kubectl.OkAsync($"apply -n {ns} -f -", widget);
        var table = await kubectl.OkAsync($"get widgets.{group} -n {ns}");
        Assert.Contains("SIZE", table, StringComparison.Ordinal);
        Assert.Contains("w1", table, StringComparison.Ordinal);
        Assert.Contains("3", table, StringComparison.Ordinal);

        var json = JsonNode.Parse(await kubectl.OkAsync($"get widgets.{group} w1 -n {ns} -o json"))!;
        Assert.Null(json["spec"]!["unknown"]);

        var invalid = await kubectl.RunAsync($"apply -n {ns} -f -", widget.Replace("size: 3", "size: 0", StringComparison.Ordinal));
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("spec.size", invalid.Stderr, StringComparison.Ordinal);

        await kubectl.OkAsync($"delete crd widgets.{group} --wait --timeout=60s");
        var gone = await kubectl.RunAsync($"get widgets.{group} -n {ns}");
        Assert.NotEqual(0, gone.ExitCode);
    }

    [Fact]
    public async Task Delete_OfADeployment_WithCascadeOrphan_KeepsItGoneAndAnswersFast()
    {
        var kubectl = _fixture.Kubectl("1.33");
        var ns = await _fixture.NamespaceAsync(kubectl, "del");
        await kubectl.OkAsync($"create deployment web -n {ns} --image=localhost:5000/skiff-test/httpd:1");

        Assert.Contains("deleted", await kubectl.OkAsync($"delete deployment web -n {ns} --wait=true"), StringComparison.Ordinal);
        var gone = await kubectl.RunAsync($"get deployment web -n {ns}");
        Assert.Contains("NotFound", gone.Stderr, StringComparison.Ordinal);
    }
}
