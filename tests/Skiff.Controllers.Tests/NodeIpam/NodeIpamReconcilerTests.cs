using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Controllers.NodeIpam;
using Skiff.Controllers.Tests.ReplicaSet;

namespace Skiff.Controllers.Tests.NodeIpam;

public sealed class NodeIpamReconcilerTests
{
    private readonly ObjectCache<V1Node> _nodes = new();
    private readonly FakeClient _api = new();
    private readonly RecordingEvents _events = new();

    private NodeIpamReconciler NewReconciler(string clusterCidr = "10.42.0.0/16") => new(_nodes, new CidrSet(clusterCidr), _api, _events);

    private void AddNode(string name, string? podCidr = null) => _nodes.Upsert(new V1Node
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1NodeSpec { PodCIDR = podCidr, PodCIDRs = podCidr is null ? null : [podCidr] },
    });

    private static ObjectKey Key(string name) => new(null, name);

    [Fact]
    public async Task NodeWithoutPodCidr_GetsTheFirstFreeSubnet()
    {
        AddNode("a");

        await NewReconciler().ReconcileAsync(Key("a"), default);

        Assert.Equal([("a", "10.42.0.0/24")], _api.Patched);
    }

    [Fact]
    public async Task ExistingNodes_AreCountedBeforeTheFirstAllocation()
    {
        AddNode("old", "10.42.0.0/24");
        AddNode("new");

        await NewReconciler().ReconcileAsync(Key("new"), default);

        Assert.Equal([("new", "10.42.1.0/24")], _api.Patched);
    }

    [Fact]
    public async Task NodeWithOwnPodCidr_KeepsIt()
    {
        AddNode("hollow", "100.64.0.0/24");

        await NewReconciler().ReconcileAsync(Key("hollow"), default);

        Assert.Empty(_api.Patched);
    }

    [Fact]
    public async Task RepeatedSync_BeforeTheCacheShowsThePatch_SendsTheSameSubnet()
    {
        AddNode("a");
        var reconciler = NewReconciler();

        await reconciler.ReconcileAsync(Key("a"), default);
        await reconciler.ReconcileAsync(Key("a"), default);

        Assert.Equal([("a", "10.42.0.0/24"), ("a", "10.42.0.0/24")], _api.Patched);
    }

    [Fact]
    public async Task FullRange_RecordsCidrNotAvailable()
    {
        AddNode("a");
        AddNode("b");
        var reconciler = NewReconciler("10.42.0.0/24");

        await reconciler.ReconcileAsync(Key("a"), default);
        await reconciler.ReconcileAsync(Key("b"), default);

        Assert.Equal([("a", "10.42.0.0/24")], _api.Patched);
        Assert.Equal([("Normal", "CIDRNotAvailable", "Node b status is now: CIDRNotAvailable")], _events.Events);
    }

    [Fact]
    public async Task DeletedNode_ReleasesItsSubnet()
    {
        AddNode("a");
        AddNode("b");
        var reconciler = NewReconciler("10.42.0.0/24");
        await reconciler.ReconcileAsync(Key("a"), default);

        _nodes.Delete(new ObjectKey(null, "a"));
        await reconciler.ReconcileAsync(Key("a"), default);
        await reconciler.ReconcileAsync(Key("b"), default);

        Assert.Equal([("a", "10.42.0.0/24"), ("b", "10.42.0.0/24")], _api.Patched);
    }

    private sealed class FakeClient : INodeIpamClient
    {
        public List<(string Node, string Cidr)> Patched { get; } = [];

        public Task SetPodCidrAsync(string node, string cidr, CancellationToken ct)
        {
            Patched.Add((node, cidr));
            return Task.CompletedTask;
        }
    }
}
