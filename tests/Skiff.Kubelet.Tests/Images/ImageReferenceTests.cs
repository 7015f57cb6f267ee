using Skiff.Kubelet.Images;

namespace Skiff.Kubelet.Tests.Images;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io")]
    [InlineData("library/busybox:1.36", "docker.io")]
    [InlineData("localhost/app", "localhost")]
    [InlineData("localhost:5000/skiff-test/shell:1", "localhost:5000")]
    [InlineData("registry.k8s.io/pause:3.10", "registry.k8s.io")]
    [InlineData("ghcr.io/org/app@sha256:abc", "ghcr.io")]
    public void RegistryOf_FindsTheHostLikeDocker(string image, string registry)
    {
        Assert.Equal(registry, ImageReference.RegistryOf(image));
    }

    [Theory]
    [InlineData("busybox", true)]
    [InlineData("busybox:latest", true)]
    [InlineData("localhost:5000/app", true)]
    [InlineData("localhost:5000/app:1", false)]
    [InlineData("busybox@sha256:abc", false)]
    public void IsLatest_TreatsUntaggedAsLatest(string image, bool latest)
    {
        Assert.Equal(latest, ImageReference.IsLatest(image));
    }
}
