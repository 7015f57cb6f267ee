using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.Api.Selectors;

namespace Skiff.Api.Tests.Selectors;

public sealed class FieldLabelsTests
{
    [Theory]
    [InlineData("", "pods", "spec.nodeName=n1,status.phase=Running,spec.hostNetwork=true,status.podIPs=x,spec.restartPolicy=Always")]
    [InlineData("", "pods", "spec.schedulerName=s,spec.serviceAccountName=sa,status.podIP=1.2.3.4,status.nominatedNodeName=n,metadata.namespace=d")]
    [InlineData("", "events", "involvedObject.kind=Pod,involvedObject.uid=u,involvedObject.fieldPath=f,reason=r,reportingComponent=c,source=s,type=Normal")]
    [InlineData("", "events", "involvedObject.apiVersion=v1,involvedObject.resourceVersion=1,involvedObject.namespace=n,involvedObject.name=x")]
    [InlineData("", "secrets", "type=Opaque")]
    [InlineData("", "nodes", "spec.unschedulable=false,metadata.name=n")]
    [InlineData("", "namespaces", "status.phase=Active")]
    [InlineData("", "replicationcontrollers", "status.replicas=0")]
    [InlineData("", "services", "spec.clusterIP!=None,spec.type=ClusterIP")]
    [InlineData("batch", "jobs", "status.successful=1")]
    [InlineData("certificates.k8s.io", "certificatesigningrequests", "spec.signerName=kubernetes.io/kubelet-serving")]
    [InlineData("", "configmaps", "metadata.name=a,metadata.namespace=b")]
    public void Check_AcceptsUpstreamsFieldLabels(string group, string resource, string selector)
    {
        var parsed = FieldSelector.Parse(selector);

        Assert.Equal(parsed.ToString(), FieldLabels.Check(group, resource, parsed).ToString());
    }

    [Theory]
    [InlineData("", "pods", "spec.foo=x", "field label not supported: spec.foo")]
    [InlineData("", "nodes", "metadata.namespace=x", "field label not supported: metadata.namespace")]
    [InlineData("", "namespaces", "metadata.namespace=x", "field label not supported: metadata.namespace")]
    [InlineData("certificates.k8s.io", "certificatesigningrequests", "metadata.namespace=x", "field label not supported: metadata.namespace")]
    [InlineData("batch", "jobs", "status.active=1", "field label \"status.active\" not supported for batchv1.Job")]
    [InlineData("", "configmaps", "data.x=y", "\"data.x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("apps", "replicasets", "status.replicas=0", "\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("events.k8s.io", "events", "reason=x", "\"reason\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    public void Check_RejectsWithUpstreamMessage(string group, string resource, string selector, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => FieldLabels.Check(group, resource, FieldSelector.Parse(selector)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Check_MapsLegacySpecHostToNodeName()
    {
        Assert.Equal("spec.nodeName=n1", FieldLabels.Check("", "pods", FieldSelector.Parse("spec.host=n1")).ToString());
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"p","namespace":"d"},"spec":{"nodeName":"n1","hostNetwork":true,"restartPolicy":"Always"},"status":{"phase":"Running","podIPs":[{"ip":"10.0.0.5"},{"ip":"fd00::5"}]}}""",
        "metadata.name=p,metadata.namespace=d,spec.nodeName=n1,spec.hostNetwork=true,spec.restartPolicy=Always,status.phase=Running,status.podIP=10.0.0.5", true)]
    [InlineData("""{"metadata":{"name":"p","namespace":"d"},"spec":{}}""", "spec.nodeName=,spec.hostNetwork=false,status.phase=,status.podIP=,status.podIPs=", true)]
    [InlineData("""{"metadata":{"name":"p","namespace":"d"},"spec":{"nodeName":"n1"}}""", "spec.nodeName!=n1", false)]
    [InlineData("""{"metadata":{"name":"p","namespace":"d"},"status":{"podIP":"10.0.0.9"}}""", "status.podIP=10.0.0.9", true)]
    public void Extract_Pod_SpellsValuesLikeUpstream(string json, string selector, bool matches)
    {
        var fields = SelectableFields.Extract("", "pods", true, JsonNode.Parse(json)!.AsObject());
        using var parsed = JsonDocument.Parse(json);
        var fromElement = SelectableFields.Extract("", "pods", true, parsed.RootElement);

        Assert.Equal(matches, FieldSelector.Parse(selector).Matches(fields));
        Assert.Equal(fields.OrderBy(f => f.Key), fromElement.OrderBy(f => f.Key));
    }

    [Theory]
    [InlineData("", "nodes", false, """{"metadata":{"name":"n"},"spec":{"unschedulable":true}}""", "spec.unschedulable", "true")]
    [InlineData("", "nodes", false, """{"metadata":{"name":"n"}}""", "spec.unschedulable", "false")]
    [InlineData("", "replicationcontrollers", true, """{"metadata":{"name":"r"},"status":{"replicas":3}}""", "status.replicas", "3")]
    [InlineData("", "replicationcontrollers", true, """{"metadata":{"name":"r"}}""", "status.replicas", "0")]
    [InlineData("batch", "jobs", true, """{"metadata":{"name":"j"},"status":{"succeeded":2}}""", "status.successful", "2")]
    [InlineData("", "secrets", true, """{"metadata":{"name":"s"},"type":"kubernetes.io/tls"}""", "type", "kubernetes.io/tls")]
    [InlineData("", "namespaces", false, """{"metadata":{"name":"ns"},"status":{"phase":"Terminating"}}""", "status.phase", "Terminating")]
    [InlineData("", "events", true, """{"metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"p"},"source":{"component":"kubelet"},"reportingComponent":"x"}""", "source", "kubelet")]
    [InlineData("", "events", true, """{"metadata":{"name":"e"},"reportingComponent":"scheduler"}""", "source", "scheduler")]
    [InlineData("", "events", true, """{"metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"p"}}""", "involvedObject.kind", "Pod")]
    [InlineData("", "services", true, """{"metadata":{"name":"s"},"spec":{"clusterIP":"None"}}""", "spec.clusterIP", "None")]
    [InlineData("certificates.k8s.io", "certificatesigningrequests", false, """{"metadata":{"name":"c"},"spec":{"signerName":"x/y"}}""", "spec.signerName", "x/y")]
    [InlineData("", "configmaps", true, """{"metadata":{"name":"c","namespace":"d"}}""", "metadata.namespace", "d")]
    public void Extract_ReadsEachResourcesFields(string group, string resource, bool namespaced, string json, string field, string expected)
    {
        var fields = SelectableFields.Extract(group, resource, namespaced, JsonNode.Parse(json)!.AsObject());
        using var parsed = JsonDocument.Parse(json);
        var fromElement = SelectableFields.Extract(group, resource, namespaced, parsed.RootElement);

        Assert.Equal(expected, fields[field]);
        Assert.Equal(fields.OrderBy(f => f.Key), fromElement.OrderBy(f => f.Key));
    }

    [Theory]
    [InlineData("""{"metadata":{"labels":{"app":"web","tier":"1","odd":7}}}""", "app=web,tier=1,")]
    [InlineData("""{"metadata":{"name":"x"}}""", "")]
    [InlineData("""{"metadata":{"labels":"not an object"}}""", "")]
    public void Labels_ReadTheSameFromADocumentAndFromParsedJson(string json, string expected)
    {
        using var parsed = JsonDocument.Parse(json);

        var fromNode = SelectableFields.Labels(new NodeReadable(JsonNode.Parse(json)));
        var fromElement = SelectableFields.Labels(new ElementReadable(parsed.RootElement));

        Assert.Equal(expected, string.Concat(fromNode.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value},")));
        Assert.Equal(fromNode.OrderBy(l => l.Key), fromElement.OrderBy(l => l.Key));
    }

    [Fact]
    public void Extract_ClusterScoped_HasNoNamespaceField()
    {
        var fields = SelectableFields.Extract("", "nodes", false, JsonNode.Parse("""{"metadata":{"name":"n"}}""")!.AsObject());

        Assert.False(fields.ContainsKey("metadata.namespace"));
    }
}
