using System.Net;
using Skiff.Kubelet.Node;

namespace Skiff.Kubelet.Tests.Node;

public sealed class NodeTests
{
    [Fact]
    public void MemTotal_ReadsKibibytesAsBytes() =>
        Assert.Equal(2048L * 1024, MachineInfo.MemTotal("MemTotal:        2048 kB\nMemFree:  10 kB\n"));

    [Fact]
    public void PrettyName_FromOsRelease() =>
        Assert.Equal("Debian GNU/Linux 13 (trixie)", MachineInfo.PrettyName("NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\n"));

    [Theory]
    [InlineData("10.42.0.0/16", "10.42.0.0/24")]
    [InlineData("10.42.0.0/25", "10.42.0.0/25")]
    public void FirstSubnet_IsTheFirstSlash24(string cluster, string expected) =>
        Assert.Equal(IPNetwork.Parse(expected), NodeAgent.FirstSubnet(IPNetwork.Parse(cluster), 24));

    [Fact]
    public void Status_HasUpstreamConditionsAndCapacity()
    {
        var machine = new MachineInfo(4, 8L << 30, 100L << 30, "mid", "boot", "6.1.0", "Debian", "amd64", "192.0.2.10");
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var status = NodeStatusBuilder.Build("n1", machine, "containerd://1.6.20", null, now);
        var ready = status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("True", "KubeletReady", "kubelet is posting ready status"), (ready.Status, ready.Reason, ready.Message));
        Assert.Equal(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"], status.Conditions.Select(c => c.Type));
        Assert.Equal("4", status.Capacity["cpu"].ToString());
        Assert.Equal("110", status.Allocatable["pods"].ToString());
        Assert.Equal(8L << 30, (long)status.Capacity["memory"].ToDecimal());
        Assert.Contains(status.Addresses, a => a.Type == "InternalIP" && a.Address == "192.0.2.10");
        Assert.Equal("containerd://1.6.20", status.NodeInfo.ContainerRuntimeVersion);
        Assert.Equal(10250, status.DaemonEndpoints.KubeletEndpoint.Port);
    }

    [Fact]
    public void Status_ReportsTheKubeletPortItServesOn()
    {
        var machine = new MachineInfo(4, 8L << 30, 100L << 30, "mid", "boot", "6.1.0", "Debian", "amd64", "192.0.2.10");
        var status = NodeStatusBuilder.Build("n1", machine, "x", null, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), kubeletPort: 41234);
        Assert.Equal(41234, status.DaemonEndpoints.KubeletEndpoint.Port);
    }

    [Fact]
    public void Status_KeepsTransitionTimeWhileConditionHolds()
    {
        var machine = new MachineInfo(1, 1L << 30, 1L << 30, "m", "b", "k", "o", "amd64", null);
        var first = NodeStatusBuilder.Build("n1", machine, "x", null, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var second = NodeStatusBuilder.Build("n1", machine, "x", first.Conditions, new DateTime(2026, 1, 1, 0, 5, 0, DateTimeKind.Utc));
        var ready = second.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), ready.LastTransitionTime);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 5, 0, DateTimeKind.Utc), ready.LastHeartbeatTime);
    }
}
