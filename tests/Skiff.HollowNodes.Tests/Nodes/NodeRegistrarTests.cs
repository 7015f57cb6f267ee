using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Skiff.HollowNodes.Nodes;

namespace Skiff.HollowNodes.Tests.Nodes;

public sealed class NodeRegistrarTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Register_CreatesNodeThenStatusThenLease_WhenTheServerDropsStatusOnCreate()
    {
        using var api = new FakeApi(r => (r.Method, r.Path) switch
        {
            ("POST", "/api/v1/nodes") => (HttpStatusCode.Created, """{"metadata":{"name":"hollow-0","uid":"n-uid"}}"""),
            ("POST", _) => (HttpStatusCode.Created, """{"metadata":{"resourceVersion":"5"}}"""),
            _ => null,
        });
        var (registrar, nodes) = Registrar(api);

        await registrar.RegisterAsync(nodes[0], CancellationToken.None);

        Assert.Equal(
            [("POST", "/api/v1/nodes"), ("PATCH", "/api/v1/nodes/hollow-0/status"), ("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases")],
            api.Requests.Select(r => (r.Method, r.Path)));
        var created = JsonNode.Parse(api.Requests[0].Body)!;
        Assert.Equal("Ready", (string?)created["status"]!["conditions"]![3]!["type"]);
        Assert.Equal("n-uid", nodes[0].Uid);
        Assert.Equal("5", nodes[0].LeaseResourceVersion);
        Assert.Equal("n-uid", (string?)JsonNode.Parse(api.Requests[2].Body)!["metadata"]!["ownerReferences"]![0]!["uid"]);
    }

    [Fact]
    public async Task Register_ANodeThatExists_IsAdoptedAndMadeReadyAgain()
    {
        using var api = new FakeApi(r => (r.Method, r.Path) switch
        {
            ("POST", "/api/v1/nodes") => (HttpStatusCode.Conflict, FakeApi.Status(409, "AlreadyExists")),
            ("GET", "/api/v1/nodes/hollow-0") => (HttpStatusCode.OK, """{"metadata":{"name":"hollow-0","uid":"old-uid"},"status":{"conditions":[{"type":"Ready","status":"Unknown"}]}}"""),
            ("POST", _) => (HttpStatusCode.Conflict, FakeApi.Status(409, "AlreadyExists")),
            ("GET", _) => (HttpStatusCode.OK, """{"metadata":{"resourceVersion":"77"}}"""),
            _ => null,
        });
        var (registrar, nodes) = Registrar(api);

        await registrar.RegisterAsync(nodes[0], CancellationToken.None);

        Assert.Contains(api.Requests, r => r.Method == "PATCH" && r.Path == "/api/v1/nodes/hollow-0/status");
        Assert.Equal("old-uid", nodes[0].Uid);
        Assert.Equal("77", nodes[0].LeaseResourceVersion);
    }

    private (NodeRegistrar Registrar, NodeSet Nodes) Registrar(FakeApi api)
    {
        var options = new HollowNodeOptions { Count = 1 };
        var builder = new NodeBuilder(options);
        return (new NodeRegistrar(api.Client, builder, options, _time), new NodeSet(builder, options.Count));
    }
}
