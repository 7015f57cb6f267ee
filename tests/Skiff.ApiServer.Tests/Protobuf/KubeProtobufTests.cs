using System.Text;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Protobuf;

namespace Skiff.ApiServer.Tests.Protobuf;

public sealed class KubeProtobufTests
{
    // Go writes every non-pointer field, zero or not, and an empty message for a zero metav1.Time.
    private static ProtoBuilder Meta(string name, string ns = "") =>
        new ProtoBuilder().Str(1, name).Str(2, string.Empty).Str(3, ns).Str(4, string.Empty).Str(5, string.Empty)
            .Str(6, string.Empty).Int(7, 0).Msg(8, new ProtoBuilder());

    private static string Decode(byte[] body) => KubeProtobuf.Decode(body).ToJsonString();

    private static string Json(string json) => JsonNode.Parse(json)!.ToJsonString();

    [Fact]
    public void Decode_Namespace_MatchesGoJsonOfTheSameObject()
    {
        var body = ProtoBuilder.Envelope("v1", "Namespace", new ProtoBuilder()
            .Msg(1, Meta("demo")).Msg(2, new ProtoBuilder()).Msg(3, s => s.Str(1, string.Empty)));

        Assert.Equal(
            Json("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","creationTimestamp":null},"spec":{},"status":{}}"""),
            Decode(body));
    }

    [Fact]
    public void Decode_AbsentNonPointerMessages_BecomeTheirGoZeroValue()
    {
        var body = ProtoBuilder.Envelope("v1", "Namespace", new ProtoBuilder().Msg(1, m => m.Str(1, "demo")));

        Assert.Equal(
            Json("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","creationTimestamp":null},"spec":{},"status":{}}"""),
            Decode(body));
    }

    [Fact]
    public void Decode_ConfigMapAndSecretMaps_AreSortedAndBytesAreBase64()
    {
        var configMap = ProtoBuilder.Envelope("v1", "ConfigMap", new ProtoBuilder()
            .Msg(1, Meta("cm", "default")).Entry(2, "zeta", "1").Entry(2, "alpha", "2").Entry(3, "bin", [0, 1, 2]));
        var secret = ProtoBuilder.Envelope("v1", "Secret", new ProtoBuilder()
            .Msg(1, Meta("s", "default")).Entry(2, "password", Encoding.UTF8.GetBytes("hunter2")).Str(3, "Opaque"));

        Assert.Equal(
            Json("""{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm","namespace":"default","creationTimestamp":null},"data":{"alpha":"2","zeta":"1"},"binaryData":{"bin":"AAEC"}}"""),
            Decode(configMap));
        Assert.Equal(
            Json("""{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s","namespace":"default","creationTimestamp":null},"data":{"password":"aHVudGVyMg=="},"type":"Opaque"}"""),
            Decode(secret));
    }

    [Fact]
    public void Decode_Deployment_KeepsPointerZerosAndEmptyStructs()
    {
        var labels = (ProtoBuilder m) => m.Entry(11, "app", "web");
        var body = ProtoBuilder.Envelope("apps/v1", "Deployment", new ProtoBuilder()
            .Msg(1, labels(Meta("web", "default")))
            .Msg(2, spec => spec
                .Int(1, 0)
                .Msg(2, sel => sel.Entry(1, "app", "web"))
                .Msg(3, template => template
                    .Msg(1, labels(Meta(string.Empty)))
                    .Msg(2, pod => pod.Msg(2, c => c
                        .Str(1, "nginx").Str(2, "nginx").Msg(8, new ProtoBuilder())
                        .Msg(15, sc => sc.Int(4, 0).Bool(7, false)))))
                .Msg(4, new ProtoBuilder())
                .Int(5, 0).Bool(7, false))
            .Msg(3, new ProtoBuilder()));

        Assert.Equal(
            Json("""
                {"kind":"Deployment","apiVersion":"apps/v1",
                 "metadata":{"name":"web","namespace":"default","creationTimestamp":null,"labels":{"app":"web"}},
                 "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
                     "spec":{"containers":[{"name":"nginx","image":"nginx","resources":{},
                       "securityContext":{"runAsUser":0,"allowPrivilegeEscalation":false}}]}},
                   "strategy":{}},
                 "status":{}}
                """),
            Decode(body));
    }

    [Theory]
    [InlineData(0, 8080, "", "8080")]
    [InlineData(1, 0, "http", "\"http\"")]
    public void Decode_ServicePort_WritesIntOrStringAsNumberOrString(int type, int intVal, string strVal, string expected)
    {
        var targetPort = new ProtoBuilder().Int(1, type).Int(2, intVal).Str(3, strVal);
        var body = ProtoBuilder.Envelope("v1", "Service", new ProtoBuilder()
            .Msg(1, Meta("svc", "default"))
            .Msg(2, spec => spec.Msg(1, port => port.Str(1, "80-8080").Str(2, "TCP").Int(3, 80).Msg(4, targetPort)).Str(4, "ClusterIP")));

        var json = KubeProtobuf.Decode(body);

        Assert.Equal(
            Json($$"""{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":{{expected}}}],"type":"ClusterIP"}"""),
            json["spec"]!.ToJsonString());
        Assert.Equal(Json("""{"loadBalancer":{}}"""), json["status"]!.ToJsonString());
    }

    [Fact]
    public void Decode_AbsentIntOrStringAndNonOmitemptyScalars_AreGoZeroValues()
    {
        var body = ProtoBuilder.Envelope("v1", "Service", new ProtoBuilder().Msg(2, spec => spec.Msg(1, new ProtoBuilder())));

        Assert.Equal(Json("""[{"port":0,"targetPort":0}]"""), KubeProtobuf.Decode(body)["spec"]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void Decode_ResourceQuota_WritesQuantitiesAsStrings()
    {
        var body = ProtoBuilder.Envelope("v1", "ResourceQuota", new ProtoBuilder()
            .Msg(1, Meta("q", "default"))
            .Msg(2, spec => spec.Entry(1, "pods", q => q.Str(1, "10")).Entry(1, "cpu", q => q.Str(1, "500m"))));

        Assert.Equal(Json("""{"hard":{"cpu":"500m","pods":"10"}}"""), KubeProtobuf.Decode(body)["spec"]!.ToJsonString());
    }

    [Fact]
    public void Decode_Times_UseRfc3339SecondsAndMicroseconds()
    {
        var body = ProtoBuilder.Envelope("events.k8s.io/v1", "Event", new ProtoBuilder()
            .Msg(1, m => m.Str(1, "e").Msg(8, t => t.Int(1, 1700000000).Int(2, 999_999_999)))
            .Msg(2, t => t.Int(1, 1700000000).Int(2, 123_456_789)));

        var json = KubeProtobuf.Decode(body);

        Assert.Equal("2023-11-14T22:13:20Z", json["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal("2023-11-14T22:13:20.123456Z", json["eventTime"]!.GetValue<string>());
    }

    [Fact]
    public void Decode_VolumeSource_IsInlinedIntoVolume()
    {
        var body = ProtoBuilder.Envelope("v1", "Pod", new ProtoBuilder()
            .Msg(2, pod => pod.Msg(1, v => v.Str(1, "scratch").Msg(2, src => src.Msg(2, new ProtoBuilder())))));

        Assert.Equal(Json("""[{"name":"scratch","emptyDir":{}}]"""), KubeProtobuf.Decode(body)["spec"]!["volumes"]!.ToJsonString());
    }

    [Fact]
    public void Decode_ControllerRevisionData_EmbedsRawJson()
    {
        var body = ProtoBuilder.Envelope("apps/v1", "ControllerRevision", new ProtoBuilder()
            .Msg(2, raw => raw.Bytes(1, Encoding.UTF8.GetBytes("""{"spec":{"a":1}}"""))).Int(3, 2));

        var json = KubeProtobuf.Decode(body);

        Assert.Equal(Json("""{"spec":{"a":1}}"""), json["data"]!.ToJsonString());
        Assert.Equal(2, json["revision"]!.GetValue<long>());
    }

    [Fact]
    public void Decode_SubjectAccessReviewExtra_IsAMapOfStringLists()
    {
        var body = ProtoBuilder.Envelope("authorization.k8s.io/v1", "SubjectAccessReview", new ProtoBuilder()
            .Msg(2, spec => spec
                .Msg(1, ra => ra.Str(2, "get").Str(5, "pods"))
                .Str(3, "alice")
                .Entry(5, "scopes", v => v.Str(1, "a").Str(1, "b"))));

        Assert.Equal(
            Json("""
                {"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},
                 "spec":{"resourceAttributes":{"verb":"get","resource":"pods"},"user":"alice","extra":{"scopes":["a","b"]}},
                 "status":{"allowed":false}}
                """),
            Decode(body));
    }

    [Fact]
    public void Decode_CustomResourceDefinitionSchema_WritesJsonSchemaUnions()
    {
        var schema = new ProtoBuilder()
            .Str(5, "object")
            .Entry(29, "spec", p => p.Str(5, "object").Bool(38, true))
            .Msg(30, b => b.Bool(1, false))
            .Msg(24, items => items.Msg(1, s => s.Str(5, "string")))
            .Msg(8, d => d.Bytes(1, Encoding.UTF8.GetBytes("{\"x\":1}")))
            .Double(9, 2.5);
        var body = ProtoBuilder.Envelope("apiextensions.k8s.io/v1", "CustomResourceDefinition", new ProtoBuilder()
            .Msg(2, spec => spec.Msg(7, v => v.Str(1, "v1").Bool(2, true).Bool(3, true).Msg(4, val => val.Msg(1, schema)))));

        var version = KubeProtobuf.Decode(body)["spec"]!["versions"]![0]!;

        Assert.Equal(
            Json("""
                {"type":"object","default":{"x":1},"maximum":2.5,"items":{"type":"string"},
                 "properties":{"spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true}},
                 "additionalProperties":false}
                """),
            version["schema"]!["openAPIV3Schema"]!.ToJsonString());
    }

    [Fact]
    public void DecodeObject_ProtobufMediaType_DecodesTheObject()
    {
        var body = ProtoBuilder.Envelope("v1", "ServiceAccount", new ProtoBuilder().Msg(1, Meta("robot", "default")).Bool(4, false));

        var obj = Skiff.ApiServer.Http.RequestBody.DecodeObject(KubeProtobuf.MediaType, body);

        Assert.Equal(
            Json("""{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"robot","namespace":"default","creationTimestamp":null},"automountServiceAccountToken":false}"""),
            obj.ToJsonString());
    }

    [Fact]
    public void Decode_UnknownKind_IsUnsupportedMediaType()
    {
        var body = ProtoBuilder.Envelope("example.com/v1", "Widget", new ProtoBuilder());

        var error = Assert.Throws<ApiException>(() => KubeProtobuf.Decode(body));

        Assert.Equal(415, error.Code);
    }

    [Fact]
    public void Decode_MissingMagic_IsBadRequest()
    {
        var error = Assert.Throws<ApiException>(() => KubeProtobuf.Decode("{}"u8));

        Assert.Equal(400, error.Code);
    }
}
