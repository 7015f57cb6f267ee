using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.HollowNodes.Heartbeat;
using Skiff.HollowNodes.Nodes;

namespace Skiff.HollowNodes.Tests.Heartbeat;

public sealed class LeaseRenewerTests
{
    private const string LeasePath = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Renew_UpdatesTheLeaseItLastWrote_WithAFreshRenewTime()
    {
        using var api = new FakeApi(r => r.Method == "PUT" ? (HttpStatusCode.OK, Lease("11")) : null);
        var (renewer, nodes) = Renewer(api);
        nodes[0].LeaseResourceVersion = "10";
        nodes[0].Uid = "node-uid";

        await renewer.RenewAsync(0, CancellationToken.None);

        var put = Assert.Single(api.Requests);
        Assert.Equal(("PUT", LeasePath + "/hollow-0"), (put.Method, put.Path));
        var body = JsonNode.Parse(put.Body)!;
        Assert.Equal("10", (string?)body["metadata"]!["resourceVersion"]);
        Assert.Equal("node-uid", (string?)body["metadata"]!["ownerReferences"]![0]!["uid"]);
        Assert.StartsWith("2026-05-01T12:00:00", (string?)body["spec"]!["renewTime"], StringComparison.Ordinal);
        Assert.Equal(40, (int)body["spec"]!["leaseDurationSeconds"]!);
        Assert.Equal("11", nodes[0].LeaseResourceVersion);
        Assert.Equal(1, renewer.Renewals);
    }

    [Fact]
    public async Task Renew_OnConflict_ReadsTheLeaseAndUpdatesThatVersion()
    {
        var puts = 0;
        using var api = new FakeApi(r => (r.Method, Interlocked.Increment(ref puts)) switch
        {
            ("PUT", 1) => (HttpStatusCode.Conflict, FakeApi.Status(409, "Conflict")),
            ("GET", _) => (HttpStatusCode.OK, Lease("20")),
            ("PUT", _) => (HttpStatusCode.OK, Lease("21")),
            _ => null,
        });
        var (renewer, nodes) = Renewer(api);
        nodes[0].LeaseResourceVersion = "10";

        await renewer.RenewAsync(0, CancellationToken.None);

        Assert.Equal(["PUT", "GET", "PUT"], api.Requests.Select(r => r.Method));
        Assert.Equal("20", (string?)JsonNode.Parse(api.Requests[2].Body)!["metadata"]!["resourceVersion"]);
        Assert.Equal("21", nodes[0].LeaseResourceVersion);
    }

    [Fact]
    public async Task Renew_WhenTheLeaseWasDeleted_CreatesItAgain()
    {
        using var api = new FakeApi(r => r.Method switch
        {
            "PUT" => (HttpStatusCode.NotFound, FakeApi.Status(404, "NotFound")),
            "POST" => (HttpStatusCode.Created, Lease("30")),
            _ => null,
        });
        var (renewer, nodes) = Renewer(api);
        nodes[0].LeaseResourceVersion = "10";

        await renewer.RenewAsync(0, CancellationToken.None);

        Assert.Equal([("PUT", LeasePath + "/hollow-0"), ("POST", LeasePath)], api.Requests.Select(r => (r.Method, r.Path)));
        Assert.Equal("30", nodes[0].LeaseResourceVersion);
    }

    [Fact]
    public async Task Renew_ServerError_IsCountedNotThrown()
    {
        using var api = new FakeApi(_ => (HttpStatusCode.InternalServerError, FakeApi.Status(500, "InternalError")));
        var failures = new FailureCounter(NullLogger.Instance, _time, TimeSpan.FromSeconds(10));
        var (renewer, nodes) = Renewer(api, failures);
        nodes[0].LeaseResourceVersion = "10";

        await renewer.RenewAsync(0, CancellationToken.None);

        Assert.Equal(1, failures.Failures);
        Assert.Equal(0, renewer.Renewals);
    }

    private (LeaseRenewer Renewer, NodeSet Nodes) Renewer(FakeApi api, FailureCounter? failures = null)
    {
        var options = new HollowNodeOptions { Count = 2 };
        var builder = new NodeBuilder(options);
        var nodes = new NodeSet(builder, options.Count);
        var registrar = new NodeRegistrar(api.Client, builder, options, _time);
        failures ??= new FailureCounter(NullLogger.Instance, _time, TimeSpan.FromSeconds(10));
        return (new LeaseRenewer(api.Client, nodes, registrar, options, _time, failures), nodes);
    }

    private static string Lease(string resourceVersion) =>
        $$$"""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"hollow-0","namespace":"kube-node-lease","resourceVersion":"{{{resourceVersion}}}"},"spec":{}}""";
}
