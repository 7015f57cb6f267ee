using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.NodePorts;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.NodePorts;

public sealed class NodePortsPluginTests
{
    private const string Conflict = "n1: node(s) didn't have free ports for the requested pod ports";

    public static TheoryData<string, V1Pod, V1Pod, string> Cases => new()
    {
        { "no host ports", Pod(), Pod("e").HostPort(8080), "n1: ok" },
        { "same port, wildcard on both", Pod().HostPort(8080), Pod("e").HostPort(8080), Conflict },
        { "same port, other protocol", Pod().HostPort(8080, protocol: "UDP"), Pod("e").HostPort(8080), "n1: ok" },
        { "other port", Pod().HostPort(8081), Pod("e").HostPort(8080), "n1: ok" },
        { "wildcard wanted, specific IP used", Pod().HostPort(8080), Pod("e").HostPort(8080, "127.0.0.1"), Conflict },
        { "specific IP wanted, wildcard used", Pod().HostPort(8080, "127.0.0.1"), Pod("e").HostPort(8080), Conflict },
        { "different specific IPs", Pod().HostPort(8080, "127.0.0.1"), Pod("e").HostPort(8080, "127.0.0.2"), "n1: ok" },
        { "same specific IP", Pod().HostPort(8080, "127.0.0.1"), Pod("e").HostPort(8080, "127.0.0.1"), Conflict },
        { "existing sidecar holds the port", Pod().HostPort(9000), Sidecar(Pod("e"), 9000), Conflict },
        { "wanted by own sidecar", Sidecar(Pod(), 9000), Pod("e").HostPort(9000), Conflict },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_RejectsNodesWhereAHostPortIsTaken(string name, V1Pod pod, V1Pod existing, string expected)
    {
        var results = PluginRunner.Filter(new NodePortsPlugin(), pod, Info(Node("n1"), existing));

        Assert.True(expected == PluginRunner.Describe(results), name);
    }

    [Fact]
    public void PreFilter_SkipsPodsWithoutHostPorts()
    {
        var (_, status) = new NodePortsPlugin().PreFilter(new CycleState(), Pod(), []);

        Assert.Equal(StatusCode.Skip, status.Code);
    }

    private static V1Pod Sidecar(V1Pod pod, int port)
    {
        pod.Spec.InitContainers =
        [
            new V1Container { Name = "sidecar", RestartPolicy = "Always", Ports = [new V1ContainerPort { ContainerPort = port, HostPort = port }] },
        ];
        return pod;
    }
}
