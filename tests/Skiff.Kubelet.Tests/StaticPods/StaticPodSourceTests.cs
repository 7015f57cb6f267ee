using k8s.Models;
using Skiff.Kubelet.StaticPods;

namespace Skiff.Kubelet.Tests.StaticPods;

public sealed class StaticPodSourceTests
{
    private static StaticPodManifest Pod(string name, DateTime seen) => new(StaticPodDefaults.Apply(new V1Pod
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "x:1" }] },
    }, "n", seen), $"/m/{name}.yaml");

    [Fact]
    public void Replace_ReportsAddedAndRemovedUids_AndKeepsTheFirstSeenObject()
    {
        var source = new StaticPodSource();
        var a = Pod("a", DateTime.UnixEpoch);
        var b = Pod("b", DateTime.UnixEpoch);

        Assert.Equal(new[] { a.Uid, b.Uid }.Order(), source.Replace([a, b]).Order());
        Assert.Empty(source.Replace([Pod("a", DateTime.UnixEpoch.AddDays(1)), b]));
        Assert.Same(a.Pod, source.Find(a.Uid));
        Assert.Equal(new[] { a.Uid }, source.Replace([b]));
        Assert.Null(source.Find(a.Uid));
        Assert.Same(b.Pod, source.Find(b.Uid));
    }
}
