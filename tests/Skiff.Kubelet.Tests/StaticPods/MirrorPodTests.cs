using k8s.Models;
using Skiff.Kubelet.StaticPods;

namespace Skiff.Kubelet.Tests.StaticPods;

public sealed class MirrorPodTests
{
    private static StaticPodManifest StaticPod(string image = "x:1") => new(StaticPodDefaults.Apply(new V1Pod
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "kube-system", Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = image }] },
    }, "node-1", DateTime.UnixEpoch), "/m/web.yaml");

    [Fact]
    public void Build_CopiesThePodAndAddsMirrorAnnotationAndNodeOwner()
    {
        var staticPod = StaticPod();

        var mirror = MirrorPod.Build(staticPod, "node-uid");

        Assert.Equal("web-node-1", mirror.Metadata.Name);
        Assert.Equal("kube-system", mirror.Metadata.NamespaceProperty);
        Assert.Null(mirror.Metadata.Uid);
        Assert.Equal("web", mirror.Metadata.Labels["app"]);
        Assert.Equal(staticPod.Hash, mirror.Metadata.Annotations[StaticPodAnnotations.Mirror]);
        Assert.Equal(staticPod.Hash, mirror.Metadata.Annotations[StaticPodAnnotations.Hash]);
        Assert.Equal("file", mirror.Metadata.Annotations[StaticPodAnnotations.Source]);
        var owner = Assert.Single(mirror.Metadata.OwnerReferences);
        Assert.Equal(("v1", "Node", "node-1", "node-uid", true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller));
        Assert.Equal("node-1", mirror.Spec.NodeName);
        Assert.True(StaticPodAnnotations.IsMirror(mirror));
        Assert.False(StaticPodAnnotations.IsMirror(staticPod.Pod));
    }

    [Fact]
    public void IsCurrentMirrorOf_OnlyForTheSameHashNotBeingDeleted()
    {
        var staticPod = StaticPod();
        var mirror = MirrorPod.Build(staticPod, "u");
        var deleting = MirrorPod.Build(staticPod, "u");
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.True(MirrorPod.IsCurrentMirrorOf(mirror, staticPod));
        Assert.False(MirrorPod.IsCurrentMirrorOf(deleting, staticPod));
        Assert.False(MirrorPod.IsCurrentMirrorOf(mirror, StaticPod("x:2")));
        Assert.False(MirrorPod.IsCurrentMirrorOf(staticPod.Pod, staticPod));
    }
}
