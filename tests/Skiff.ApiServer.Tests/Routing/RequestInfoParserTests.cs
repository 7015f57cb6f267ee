using Skiff.ApiServer.Routing;

namespace Skiff.ApiServer.Tests.Routing;

public sealed class RequestInfoParserTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods", false, "list", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods", true, "watch", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/default/pods/p1", false, "get", "", "v1", "default", "pods", "p1", "")]
    [InlineData("PUT", "/api/v1/namespaces/default/pods/p1/status", false, "update", "", "v1", "default", "pods", "p1", "status")]
    [InlineData("POST", "/api/v1/namespaces/default/pods/p1/binding", false, "create", "", "v1", "default", "pods", "p1", "binding")]
    [InlineData("GET", "/apis/apps/v1/deployments", false, "list", "apps", "v1", "", "deployments", "", "")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/ns1/deployments/web/scale", false, "patch", "apps", "v1", "ns1", "deployments", "web", "scale")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/ns1/deployments", false, "deletecollection", "apps", "v1", "ns1", "deployments", "", "")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/ns1/deployments/web", false, "delete", "apps", "v1", "ns1", "deployments", "web", "")]
    [InlineData("GET", "/api/v1/namespaces/kube-system", false, "get", "", "v1", "kube-system", "namespaces", "kube-system", "")]
    [InlineData("PUT", "/api/v1/namespaces/gone/finalize", false, "update", "", "v1", "gone", "namespaces", "gone", "finalize")]
    [InlineData("GET", "/api/v1/namespaces/x/status", false, "get", "", "v1", "x", "namespaces", "x", "status")]
    [InlineData("GET", "/api/v1/watch/namespaces/default/pods", false, "watch", "", "v1", "default", "pods", "", "")]
    [InlineData("GET", "/api/v1/nodes/n1/proxy/stats/summary", false, "get", "", "v1", "", "nodes", "n1", "proxy/stats/summary")]
    public void Parse_ResourcePaths_AsUpstreamDoes(
        string method, string path, bool watch, string verb, string group, string version, string ns, string resource, string name, string sub)
    {
        var info = RequestInfoParser.Parse(method, path, watch);

        Assert.True(info.IsResourceRequest);
        Assert.Equal(verb, info.Verb);
        Assert.Equal(group, info.Group);
        Assert.Equal(version, info.Version);
        Assert.Equal(ns, info.Namespace);
        Assert.Equal(resource, info.Resource);
        Assert.Equal(name, info.Name);
        Assert.Equal(sub, info.Subresource);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/version")]
    [InlineData("/api")]
    [InlineData("/api/v1")]
    [InlineData("/apis")]
    [InlineData("/apis/apps")]
    [InlineData("/apis/apps/v1")]
    [InlineData("/openapi/v3/apis/apps/v1")]
    public void Parse_NonResourcePaths_AreNotResourceRequests(string path)
    {
        Assert.False(RequestInfoParser.Parse("GET", path, false).IsResourceRequest);
    }
}
