using Skiff.Kubelet.Cri;

namespace Skiff.Kubelet.Tests.Cri;

public sealed class CriConnectionTests
{
    [Theory]
    [InlineData("unix:///run/containerd/containerd.sock", "/run/containerd/containerd.sock")]
    [InlineData("/var/lib/skiff/agent/containerd/containerd.sock", "/var/lib/skiff/agent/containerd/containerd.sock")]
    public void ParseEndpoint_AcceptsUnixUrlsAndPaths(string endpoint, string expected)
    {
        Assert.Equal(expected, CriConnection.ParseEndpoint(endpoint));
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:1234")]
    [InlineData("relative/containerd.sock")]
    [InlineData("")]
    public void ParseEndpoint_RejectsWhatIsNotAnAbsoluteUnixSocket(string endpoint)
    {
        Assert.ThrowsAny<ArgumentException>(() => CriConnection.ParseEndpoint(endpoint));
    }
}
