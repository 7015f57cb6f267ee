using Skiff.Kubelet.StaticPods;

namespace Skiff.Kubelet.Tests.StaticPods;

public sealed class ManifestLoaderTests : IDisposable
{
    private static readonly DateTime Seen = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("skiff-manifests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    private static string PodYaml(string name, string ns = "") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        {(ns.Length > 0 ? $"  namespace: {ns}" : "")}
        spec:
          containers:
          - name: c
            image: localhost:5000/skiff-test/shell:1
        """;

    [Fact]
    public void Load_YamlWithSeveralDocumentsAndJson_GivesEveryPodNamedForTheNode()
    {
        Write("a.yaml", PodYaml("one") + "\n---\n" + PodYaml("two", "kube-system"));
        Write("b.json", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"three"},"spec":{"containers":[{"name":"c","image":"x:1"}]}}""");

        var result = ManifestLoader.Load(_dir, "Node-A", Seen);

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "default/one-node-a", "kube-system/two-node-a", "default/three-node-a" },
            result.Pods.Select(p => $"{p.Pod.Metadata.NamespaceProperty}/{p.Pod.Metadata.Name}"));
        Assert.All(result.Pods, p => Assert.Equal("Node-A", p.Pod.Spec.NodeName));
        Assert.Equal(Path.Combine(_dir, "b.json"), result.Pods[2].File);
    }

    [Fact]
    public void Load_HiddenFilesAndMissingDirectory_AreIgnored()
    {
        Write(".web.yaml.swp", PodYaml("hidden"));

        Assert.Empty(ManifestLoader.Load(_dir, "n", Seen).Pods);
        Assert.Empty(ManifestLoader.Load(Path.Combine(_dir, "absent"), "n", Seen).Pods);
    }

    [Fact]
    public void Load_BadFiles_AreReportedAndTheOthersStillLoad()
    {
        Write("good.yaml", PodYaml("good"));
        Write("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [unclosed");
        Write("service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n");
        Write("nameless.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    image: x:1\n");
        Write("twin.yaml", PodYaml("good"));

        var result = ManifestLoader.Load(_dir, "n", Seen);

        Assert.Equal(new[] { "good-n" }, result.Pods.Select(p => p.Pod.Metadata.Name));
        Assert.Equal(new[] { "broken.yaml", "nameless.yaml", "service.yaml", "twin.yaml" }, result.Errors.Select(e => Path.GetFileName(e.File)).Order());
        Assert.Contains("not a Pod", result.Errors.Single(e => e.File.EndsWith("service.yaml", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("exists already", result.Errors.Single(e => e.File.EndsWith("twin.yaml", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SameFileTwice_GivesTheSameUid_AndAnEditGivesANewOne()
    {
        Write("web.yaml", PodYaml("web"));
        var first = ManifestLoader.Load(_dir, "n", Seen).Pods.Single();
        var again = ManifestLoader.Load(_dir, "n", Seen.AddMinutes(1)).Pods.Single();
        Write("web.yaml", PodYaml("web").Replace("shell:1", "httpd:1", StringComparison.Ordinal));
        var edited = ManifestLoader.Load(_dir, "n", Seen).Pods.Single();

        Assert.Equal(first.Uid, again.Uid);
        Assert.NotEqual(first.Uid, edited.Uid);
    }
}
