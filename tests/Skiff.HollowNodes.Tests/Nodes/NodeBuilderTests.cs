using System.Text.Json.Nodes;
using k8s.Models;
using Skiff.HollowNodes.Nodes;

namespace Skiff.HollowNodes.Tests.Nodes;

public sealed class NodeBuilderTests
{
    private static readonly DateTimeOffset Since = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Since.AddSeconds(30.75);

    private static readonly HollowNodeOptions Options = new()
    {
        Count = 10,
        NamePrefix = "sim-",
        Cpu = new ResourceQuantity("8"),
        Memory = new ResourceQuantity("32Gi"),
        Pods = 50,
        Labels = new Dictionary<string, string> { ["tier"] = "gold", ["kubernetes.io/arch"] = "arm64" },
        Taints = [new V1Taint { Key = "dedicated", Value = "x", Effect = "NoSchedule" }],
        Zones = 3,
    };

    [Fact]
    public void Node_HasNameLabelsTaintsAndPodCidrFromItsIndex()
    {
        var node = new NodeBuilder(Options).Node(4);

        Assert.Equal("sim-4", node.Metadata.Name);
        Assert.Equal("sim-4", node.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("linux", node.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal("hollow", node.Metadata.Labels["node.kubernetes.io/instance-type"]);
        Assert.Equal("gold", node.Metadata.Labels["tier"]);
        Assert.Equal("arm64", node.Metadata.Labels["kubernetes.io/arch"]);
        Assert.Equal("zone-1", node.Metadata.Labels["topology.kubernetes.io/zone"]);
        Assert.Equal("100.64.4.0/24", node.Spec.PodCIDR);
        Assert.Equal(["100.64.4.0/24"], node.Spec.PodCIDRs);
        var taint = Assert.Single(node.Spec.Taints);
        Assert.Equal(("dedicated", "x", "NoSchedule"), (taint.Key, taint.Value, taint.Effect));
    }

    [Fact]
    public void Node_WithoutZones_HasNoZoneLabelOrTaints()
    {
        var node = new NodeBuilder(new HollowNodeOptions()).Node(0);

        Assert.False(node.Metadata.Labels.ContainsKey("topology.kubernetes.io/zone"));
        Assert.Null(node.Spec.Taints);
        Assert.Equal("hollow-0", node.Metadata.Name);
    }

    [Fact]
    public void Zones_AreSpreadEvenly()
    {
        var builder = new NodeBuilder(Options);
        var counts = Enumerable.Range(0, 9).GroupBy(builder.Zone).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new Dictionary<string, int> { ["zone-0"] = 3, ["zone-1"] = 3, ["zone-2"] = 3 }, counts);
    }

    [Fact]
    public void Status_HasCapacityAllocatableAddressesAndNodeInfo()
    {
        var status = new NodeBuilder(Options).Status(300, Since, Now);

        foreach (var field in (string[])["capacity", "allocatable"])
        {
            Assert.Equal("8", (string?)status[field]!["cpu"]);
            Assert.Equal("32Gi", (string?)status[field]!["memory"]);
            Assert.Equal("50", (string?)status[field]!["pods"]);
            Assert.Equal("100Gi", (string?)status[field]!["ephemeral-storage"]);
        }

        var addresses = status["addresses"]!.AsArray();
        Assert.Equal("InternalIP", (string?)addresses[0]!["type"]);
        Assert.Equal("10.200.1.52", (string?)addresses[0]!["address"]);
        Assert.Equal("sim-300", (string?)addresses[1]!["address"]);
        Assert.Equal(NodeBuilder.KubeletVersion, (string?)status["nodeInfo"]!["kubeletVersion"]);
        Assert.StartsWith("v1.33.", NodeBuilder.KubeletVersion, StringComparison.Ordinal);
        Assert.StartsWith("hollow://", (string?)status["nodeInfo"]!["containerRuntimeVersion"], StringComparison.Ordinal);
        Assert.Equal("amd64", (string?)status["nodeInfo"]!["architecture"]);
        Assert.Equal("linux", (string?)status["nodeInfo"]!["operatingSystem"]);
    }

    [Fact]
    public void Status_IsReadyWithoutPressure_AndHeartbeatIsNowWhileTransitionIsSince()
    {
        var conditions = new NodeBuilder(Options).Status(0, Since, Now)["conditions"]!.AsArray();

        Assert.Equal(
            ["MemoryPressure=False", "DiskPressure=False", "PIDPressure=False", "Ready=True"],
            conditions.Select(c => $"{c!["type"]}={c["status"]}"));
        Assert.All(conditions, c =>
        {
            Assert.Equal("2026-01-02T03:04:35Z", (string?)c!["lastHeartbeatTime"]);
            Assert.Equal("2026-01-02T03:04:05Z", (string?)c["lastTransitionTime"]);
        });
    }

    [Fact]
    public void HeartbeatPatch_CarriesOnlyConditions()
    {
        var patch = NodeBuilder.HeartbeatPatch(Since, Now);

        var status = Assert.IsType<JsonObject>(Assert.Single(patch).Value);
        Assert.Equal("conditions", Assert.Single(status).Key);
    }

    [Fact]
    public void Addresses_OfManyNodesAreDistinct()
    {
        var ips = Enumerable.Range(0, HollowNodeOptions.MaxCount).Select(NodeAddressing.InternalIp).ToHashSet();
        var cidrs = Enumerable.Range(0, HollowNodeOptions.MaxCount).Select(NodeAddressing.PodCidr).ToHashSet();

        Assert.Equal(HollowNodeOptions.MaxCount, ips.Count);
        Assert.Equal(HollowNodeOptions.MaxCount, cidrs.Count);
        Assert.Equal("100.127.255.0/24", NodeAddressing.PodCidr(HollowNodeOptions.MaxCount - 1));
    }

    [Fact]
    public void Lease_IsHeldByAndOwnedByItsNode()
    {
        var lease = LeaseBuilder.Lease("sim-1", "uid-1", "42", TimeSpan.FromSeconds(40), Now);

        Assert.Equal("kube-node-lease", lease.Metadata.NamespaceProperty);
        Assert.Equal("sim-1", lease.Spec.HolderIdentity);
        Assert.Equal(40, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(Now.UtcDateTime, lease.Spec.RenewTime);
        Assert.Equal("42", lease.Metadata.ResourceVersion);
        var owner = Assert.Single(lease.Metadata.OwnerReferences);
        Assert.Equal(("v1", "Node", "sim-1", "uid-1"), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));
    }
}
