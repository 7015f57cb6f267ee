using k8s.Models;
using Skiff.Kubelet.StaticPods;

namespace Skiff.Kubelet.Tests.StaticPods;

public sealed class StaticPodDefaultsTests
{
    private static readonly DateTime Seen = new(2026, 11, 24, 1, 2, 3, DateTimeKind.Utc);

    private static V1Pod Manifest(string name = "etcd") => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "x:1" }] },
    };

    [Fact]
    public void Apply_NamesBindsAndAnnotatesAsUpstream()
    {
        var pod = StaticPodDefaults.Apply(Manifest(), "Worker-1", Seen);

        Assert.Equal("etcd-worker-1", pod.Metadata.Name);
        Assert.Equal("default", pod.Metadata.NamespaceProperty);
        Assert.Equal("Worker-1", pod.Spec.NodeName);
        Assert.Equal(pod.Metadata.Uid, pod.Metadata.Annotations[StaticPodAnnotations.Hash]);
        Assert.Matches("^[0-9a-f]{32}$", pod.Metadata.Uid);
        Assert.Equal("file", pod.Metadata.Annotations[StaticPodAnnotations.Source]);
        Assert.Equal("2026-11-24T01:02:03.0000000Z", pod.Metadata.Annotations[StaticPodAnnotations.Seen]);
        Assert.Contains(pod.Spec.Tolerations, t => t.OperatorProperty == "Exists" && t.Effect == "NoExecute" && t.Key is null);
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.False(StaticPodAnnotations.IsMirror(pod));
    }

    [Fact]
    public void Apply_LeavesTheManifestUntouched()
    {
        var manifest = Manifest();

        StaticPodDefaults.Apply(manifest, "n", Seen);

        Assert.Equal("etcd", manifest.Metadata.Name);
        Assert.Null(manifest.Metadata.Annotations);
        Assert.Null(manifest.Spec.NodeName);
    }

    [Fact]
    public void Hash_DependsOnContentAndNode_NotOnWhenSeen()
    {
        var uid = StaticPodDefaults.Apply(Manifest(), "n", Seen).Metadata.Uid;

        Assert.Equal(uid, StaticPodDefaults.Apply(Manifest(), "n", Seen.AddHours(1)).Metadata.Uid);
        Assert.NotEqual(uid, StaticPodDefaults.Apply(Manifest(), "m", Seen).Metadata.Uid);
        Assert.NotEqual(uid, StaticPodDefaults.Apply(Manifest("other"), "n", Seen).Metadata.Uid);
    }
}
