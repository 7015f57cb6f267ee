using k8s.Models;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.ImageLocality;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.ImageLocality;

public sealed class ImageLocalityPluginTests
{
    private const long Mb = 1024 * 1024;

    public static TheoryData<string, string, long, int, long> Cases => new()
    {
        // 250 MB on every node: 100 × (250 − 23) / (1000 − 23) = 23.
        { "image everywhere", "nginx", 250 * Mb, 2, 23 },

        // On one of two nodes the size counts half: 125 MB → 10.
        { "image on half the nodes", "nginx:latest", 250 * Mb, 1, 10 },
        { "below the lower threshold", "nginx", 20 * Mb, 2, 0 },
        { "above the upper threshold", "nginx", 2000 * Mb, 2, 100 },
        { "other tag is another image", "nginx:1.25", 250 * Mb, 2, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score_ScalesImageSizesBySpread(string name, string podImage, long size, int numNodes, long expected)
    {
        var node = Info(Node("n1"));
        node.ImageStates["nginx:latest"] = new ImageStateSummary(size, numNodes);
        var pod = Pod();
        pod.Spec.Containers[0].Image = podImage;

        var scores = PluginRunner.Score(new ImageLocalityPlugin(Snapshot.From([node, Info(Node("n2"))])), pod, [node]);

        Assert.True(expected == scores["n1"], $"{name}: {scores["n1"]}");
    }

    [Theory]
    [InlineData("nginx", "nginx:latest")]
    [InlineData("registry:5000/nginx", "registry:5000/nginx:latest")]
    [InlineData("registry:5000/nginx:1.25", "registry:5000/nginx:1.25")]
    public void NormalizedImageName_AddsLatestOnlyWithoutATag(string image, string expected) =>
        Assert.Equal(expected, ImageLocalityPlugin.NormalizedImageName(image));

    [Fact]
    public void Score_ThresholdGrowsWithContainerCount()
    {
        var node = Info(Node("n1"));
        node.ImageStates["nginx:latest"] = new ImageStateSummary(1000 * Mb, 1);
        var pod = Pod();
        pod.Spec.Containers[0].Image = "nginx";
        pod.Spec.Containers.Add(new V1Container { Name = "other", Image = "absent" });

        // 1000 MB of a 2000 MB ceiling: 100 × 977 / 1977 = 49.
        var scores = PluginRunner.Score(new ImageLocalityPlugin(Snapshot.From([node])), pod, [node]);

        Assert.Equal(49, scores["n1"]);
    }
}
