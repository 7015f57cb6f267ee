using System.Text;
using k8s.Models;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Tests.Volumes;

public sealed class DownwardApiRendererTests
{
    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web",
            NamespaceProperty = "prod",
            Uid = "u-1",
            Labels = new Dictionary<string, string> { ["z"] = "last", ["app"] = "web \"x\"" },
            Annotations = new Dictionary<string, string> { ["note"] = "a\nb" },
        },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Resources = new V1ResourceRequirements
                    {
                        Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi"), ["cpu"] = new("250m") },
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") },
                    },
                },
            ],
        },
    };

    [Fact]
    public void Labels_SortedQuotedWithoutTrailingNewline()
    {
        Assert.Equal("app=\"web \\\"x\\\"\"\nz=\"last\"", DownwardApiRenderer.FieldValue(Pod(), "metadata.labels"));
        Assert.Equal("note=\"a\\nb\"", DownwardApiRenderer.FieldValue(Pod(), "metadata.annotations"));
    }

    [Theory]
    [InlineData("metadata.name", "web")]
    [InlineData("metadata.namespace", "prod")]
    [InlineData("metadata.uid", "u-1")]
    [InlineData("metadata.labels['z']", "last")]
    public void Fields_RenderTheirValue(string path, string expected)
    {
        Assert.Equal(expected, DownwardApiRenderer.FieldValue(Pod(), path));
    }

    [Theory]
    [InlineData("limits.memory", null, "67108864")]
    [InlineData("limits.memory", "1Mi", "64")]
    [InlineData("limits.cpu", null, "1")]
    [InlineData("limits.cpu", "1m", "250")]
    [InlineData("requests.cpu", "1m", "100")]
    [InlineData("requests.memory", null, "67108864")]
    [InlineData("limits.ephemeral-storage", null, "1000")]
    public void Resources_DividedAndRoundedUp(string resource, string? divisor, string expected)
    {
        var allocatable = new Dictionary<string, ResourceQuantity> { ["ephemeral-storage"] = new("1k") };
        var selector = new V1ResourceFieldSelector { Resource = resource, ContainerName = "main", Divisor = divisor is null ? null : new ResourceQuantity(divisor) };

        Assert.Equal(expected, DownwardApiRenderer.ResourceValue(Pod(), selector, allocatable));
    }

    [Fact]
    public void Project_WritesItemsWithModes()
    {
        var files = DownwardApiRenderer.Project(Pod(), [new V1DownwardAPIVolumeFile { Path = "name", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" }, Mode = 256 }], 420, null);

        Assert.Equal("web", Encoding.UTF8.GetString(files["name"].Data));
        Assert.Equal(256, files["name"].Mode);
    }
}
