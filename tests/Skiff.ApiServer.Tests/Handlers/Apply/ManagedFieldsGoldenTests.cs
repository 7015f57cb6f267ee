using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Skiff.ApiServer.Handlers.Apply;

namespace Skiff.ApiServer.Tests.Handlers.Apply;

/// <summary>
/// A pod's life as the scheduler benchmark drives it (create, binding, kubelet status), with the whole managedFields
/// array pinned byte for byte: the encodings were taken from the field set built of sorted sets and dictionaries, so
/// a cheaper representation has to write exactly the same.
/// </summary>
public sealed class ManagedFieldsGoldenTests
{
    private static readonly ApplyShape PodShape = ApplyShape.ForResource(typeof(V1Pod));

    private static JsonObject Obj(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!.AsObject();

    private const string Pod =
        "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p-1','namespace':'bench','uid':'u1','labels':{'app':'bench','tier':'x'},'annotations':{'a':'b'}},"
        + "'spec':{'containers':[{'name':'main','image':'registry.k8s.io/pause:3.9','resources':{'requests':{'cpu':'100m','memory':'64Mi'}},"
        + "'ports':[{'containerPort':8080},{'containerPort':53,'protocol':'UDP'}],'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},"
        + "{'name':'side','image':'busybox','args':['sleep','1000']}],'restartPolicy':'Always','schedulerName':'default-scheduler',"
        + "'tolerations':[{'key':'node.kubernetes.io/not-ready','operator':'Exists','effect':'NoExecute','tolerationSeconds':300}],"
        + "'finalizers':['x'],'securityContext':{},'terminationGracePeriodSeconds':30},'status':{'phase':'Pending','qosClass':'Burstable'}}";

    [Fact]
    public void PodLife_WritesTheManagedFieldsOfTheSetBasedFieldSet()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var fields = new FieldManager(time);
        var created = Obj(Pod);
        fields.RecordUpdate(null, created, "bench", "v1", string.Empty, PodShape);
        Assert.Equal(Expected.Created, created["metadata"]!["managedFields"]!.ToJsonString());

        time.Advance(TimeSpan.FromSeconds(1));
        var bound = (JsonObject)created.DeepClone();
        bound["spec"]!["nodeName"] = "node-1";
        bound["status"] = Obj("{'phase':'Pending','qosClass':'Burstable','conditions':[{'type':'PodScheduled','status':'True','lastProbeTime':null,'lastTransitionTime':'2026-01-01T00:00:01Z'}]}");
        fields.RecordUpdate(created, bound, "default-scheduler", "v1", "binding", PodShape);
        Assert.Equal(Expected.Bound, bound["metadata"]!["managedFields"]!.ToJsonString());

        time.Advance(TimeSpan.FromSeconds(1));
        var running = (JsonObject)bound.DeepClone();
        running["status"] = Obj(
            "{'phase':'Running','qosClass':'Burstable','hostIP':'10.0.0.1','podIP':'10.1.0.1','podIPs':[{'ip':'10.1.0.1'}],'startTime':'2026-01-01T00:00:02Z',"
            + "'conditions':[{'type':'PodScheduled','status':'True','lastProbeTime':null,'lastTransitionTime':'2026-01-01T00:00:01Z'},"
            + "{'type':'Ready','status':'True','lastProbeTime':null,'lastTransitionTime':'2026-01-01T00:00:02Z'}],"
            + "'containerStatuses':[{'name':'main','ready':true,'restartCount':0,'image':'pause','imageID':'','state':{'running':{'startedAt':'2026-01-01T00:00:02Z'}}}]}");
        fields.RecordUpdate(bound, running, "kubelet", "v1", "status", PodShape);
        Assert.Equal(Expected.Running, running["metadata"]!["managedFields"]!.ToJsonString());

        time.Advance(TimeSpan.FromSeconds(1));
        var again = (JsonObject)running.DeepClone();
        again["status"]!["conditions"]![1]!["lastTransitionTime"] = "2026-01-01T00:00:03Z";
        fields.RecordUpdate(running, again, "kubelet", "v1", "status", PodShape);
        Assert.Equal(Expected.Running, again["metadata"]!["managedFields"]!.ToJsonString());

        var relabelled = (JsonObject)again.DeepClone();
        relabelled["metadata"]!["labels"]!["tier"] = "y";
        relabelled["spec"]!["containers"]![1]!["image"] = "busybox:2";
        relabelled["metadata"]!["annotations"]!.AsObject().Remove("a");
        fields.RecordUpdate(again, relabelled, "editor", "v1", string.Empty, PodShape);
        Assert.Equal(Expected.Relabelled, relabelled["metadata"]!["managedFields"]!.ToJsonString());
    }

    private static class Expected
    {
        public const string Created =
            """[{"manager":"bench","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:a":{}},"f:labels":{".":{},"f:app":{},"f:tier":{}}},"f:spec":{"f:containers":{".":{},"k:{\u0022name\u0022:\u0022main\u0022}":{".":{},"f:env":{".":{},"k:{\u0022name\u0022:\u0022A\u0022}":{".":{},"f:name":{},"f:value":{}},"k:{\u0022name\u0022:\u0022B\u0022}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\u0022containerPort\u0022:53,\u0022protocol\u0022:\u0022UDP\u0022}":{".":{},"f:containerPort":{},"f:protocol":{}},"k:{\u0022containerPort\u0022:8080,\u0022protocol\u0022:\u0022TCP\u0022}":{".":{},"f:containerPort":{}}},"f:resources":{"f:requests":{".":{},"f:cpu":{},"f:memory":{}}}},"k:{\u0022name\u0022:\u0022side\u0022}":{".":{},"f:args":{},"f:image":{},"f:name":{}}},"f:finalizers":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{},"f:tolerations":{}}}}]""";
        public const string Bound =
            """[{"manager":"bench","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:a":{}},"f:labels":{".":{},"f:app":{},"f:tier":{}}},"f:spec":{"f:containers":{".":{},"k:{\u0022name\u0022:\u0022main\u0022}":{".":{},"f:env":{".":{},"k:{\u0022name\u0022:\u0022A\u0022}":{".":{},"f:name":{},"f:value":{}},"k:{\u0022name\u0022:\u0022B\u0022}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\u0022containerPort\u0022:53,\u0022protocol\u0022:\u0022UDP\u0022}":{".":{},"f:containerPort":{},"f:protocol":{}},"k:{\u0022containerPort\u0022:8080,\u0022protocol\u0022:\u0022TCP\u0022}":{".":{},"f:containerPort":{}}},"f:resources":{"f:requests":{".":{},"f:cpu":{},"f:memory":{}}}},"k:{\u0022name\u0022:\u0022side\u0022}":{".":{},"f:args":{},"f:image":{},"f:name":{}}},"f:finalizers":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{},"f:tolerations":{}}}},{"manager":"default-scheduler","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:01Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:nodeName":{}}},"subresource":"binding"}]""";
        public const string Running =
            """[{"manager":"bench","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:a":{}},"f:labels":{".":{},"f:app":{},"f:tier":{}}},"f:spec":{"f:containers":{".":{},"k:{\u0022name\u0022:\u0022main\u0022}":{".":{},"f:env":{".":{},"k:{\u0022name\u0022:\u0022A\u0022}":{".":{},"f:name":{},"f:value":{}},"k:{\u0022name\u0022:\u0022B\u0022}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\u0022containerPort\u0022:53,\u0022protocol\u0022:\u0022UDP\u0022}":{".":{},"f:containerPort":{},"f:protocol":{}},"k:{\u0022containerPort\u0022:8080,\u0022protocol\u0022:\u0022TCP\u0022}":{".":{},"f:containerPort":{}}},"f:resources":{"f:requests":{".":{},"f:cpu":{},"f:memory":{}}}},"k:{\u0022name\u0022:\u0022side\u0022}":{".":{},"f:args":{},"f:image":{},"f:name":{}}},"f:finalizers":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{},"f:tolerations":{}}}},{"manager":"default-scheduler","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:01Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:nodeName":{}}},"subresource":"binding"},{"manager":"kubelet","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:02Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{"k:{\u0022type\u0022:\u0022Ready\u0022}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:podIPs":{".":{},"k:{\u0022ip\u0022:\u002210.1.0.1\u0022}":{".":{},"f:ip":{}}},"f:startTime":{}}},"subresource":"status"}]""";
        public const string Relabelled =
            """[{"manager":"bench","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{"f:a":{}},"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{".":{},"k:{\u0022name\u0022:\u0022main\u0022}":{".":{},"f:env":{".":{},"k:{\u0022name\u0022:\u0022A\u0022}":{".":{},"f:name":{},"f:value":{}},"k:{\u0022name\u0022:\u0022B\u0022}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\u0022containerPort\u0022:53,\u0022protocol\u0022:\u0022UDP\u0022}":{".":{},"f:containerPort":{},"f:protocol":{}},"k:{\u0022containerPort\u0022:8080,\u0022protocol\u0022:\u0022TCP\u0022}":{".":{},"f:containerPort":{}}},"f:resources":{"f:requests":{".":{},"f:cpu":{},"f:memory":{}}}},"k:{\u0022name\u0022:\u0022side\u0022}":{".":{},"f:args":{},"f:name":{}}},"f:finalizers":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{},"f:tolerations":{}}}},{"manager":"default-scheduler","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:01Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:nodeName":{}}},"subresource":"binding"},{"manager":"kubelet","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:02Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{"k:{\u0022type\u0022:\u0022Ready\u0022}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:podIPs":{".":{},"k:{\u0022ip\u0022:\u002210.1.0.1\u0022}":{".":{},"f:ip":{}}},"f:startTime":{}}},"subresource":"status"},{"manager":"editor","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:03Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{},"f:labels":{"f:tier":{}}},"f:spec":{"f:containers":{"k:{\u0022name\u0022:\u0022side\u0022}":{"f:image":{}}}}}}]""";
    }
}
