using System.Text.Json.Nodes;
using k8s.Models;
using Skiff.ApiServer.Handlers.Apply;
using Skiff.ApiServer.Tests.Printing;

namespace Skiff.ApiServer.Tests.Handlers.Apply;

/// <summary>Updates of objects that already have managedFields, which touch only the entries the write changes.</summary>
public sealed class StoredManagedFieldsTests
{
    private static readonly ApplyShape Lease = ApplyShape.ForResource(typeof(V1Lease));
    private static readonly ApplyShape Pod = ApplyShape.ForResource(typeof(V1Pod));
    private static readonly ApplyShape Deployment = ApplyShape.ForResource(typeof(V1Deployment));
    private readonly FieldManager _earlier = new(new FixedTimeProvider(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero)));
    private readonly FieldManager _later = new(new FixedTimeProvider(new DateTimeOffset(2026, 11, 24, 6, 0, 10, TimeSpan.Zero)));

    private static JsonObject Obj(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!.AsObject();

    private static JsonArray ManagedFields(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    private static JsonObject Entry(JsonObject obj, string manager) =>
        ManagedFields(obj).Select(e => e!.AsObject()).Single(e => e["manager"]!.GetValue<string>() == manager);

    /// <summary>Decoding the managedFields and encoding them again gives the same JSON: they are stored as upstream writes them.</summary>
    private static void AssertEncoded(JsonObject obj)
    {
        var stored = ManagedFields(obj);
        Assert.Equal(ManagedFieldsCodec.Write(ManagedFieldsCodec.TryRead(stored)!).ToJsonString(), stored.ToJsonString());
    }

    private static JsonObject Next(JsonObject live, bool withManagedFields)
    {
        var next = (JsonObject)live.DeepClone();
        if (!withManagedFields)
        {
            next["metadata"]!.AsObject().Remove("managedFields");
        }

        return next;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RecordUpdate_RenewalOfAFieldTheManagerOwns_KeepsTheEntryAndItsTime(bool clientSendsManagedFields)
    {
        var live = Obj("{'metadata':{'name':'node-1','namespace':'kube-node-lease'},'spec':{'holderIdentity':'node-1','leaseDurationSeconds':40,'renewTime':'2026-11-24T06:00:00.000000Z'}}");
        _earlier.RecordUpdate(null, live, "kubelet", "coordination.k8s.io/v1", string.Empty, Lease);
        var next = Next(live, clientSendsManagedFields);
        next["spec"]!["renewTime"] = "2026-11-24T06:00:10.000000Z";

        _later.RecordUpdate(live, next, "kubelet", "coordination.k8s.io/v1", string.Empty, Lease);

        Assert.Equal(ManagedFields(live).ToJsonString(), ManagedFields(next).ToJsonString());
        Assert.Equal("2026-11-24T06:00:00Z", Entry(next, "kubelet")["time"]!.GetValue<string>());
    }

    [Fact]
    public void RecordUpdate_FirstStatusWriteOfAManager_AddsItsEntryAndKeepsTheOthers()
    {
        var live = Obj("{'metadata':{'name':'p','namespace':'default','labels':{'app':'web'}},'spec':{'containers':[{'name':'c','image':'nginx'}]},"
            + "'status':{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'True'}]}}");
        _earlier.RecordUpdate(null, live, "creator", "v1", string.Empty, Pod);
        var creator = Entry(live, "creator").ToJsonString();
        var next = Next(live, withManagedFields: true);
        next["status"] = Obj("{'phase':'Running','podIP':'10.1.0.5','conditions':[{'type':'PodScheduled','status':'True'},{'type':'Ready','status':'True'}]}");

        _later.RecordUpdate(live, next, "kubelet", "v1", "status", Pod);

        Assert.Equal(["creator", "kubelet"], ManagedFields(next).Select(e => e!["manager"]!.GetValue<string>()));
        Assert.Equal(creator, Entry(next, "creator").ToJsonString());
        var kubelet = Entry(next, "kubelet");
        Assert.Equal(("status", "2026-11-24T06:00:10Z"), (kubelet["subresource"]!.GetValue<string>(), kubelet["time"]!.GetValue<string>()));
        Assert.Equal(
            """{"f:status":{"f:conditions":{"k:{\"type\":\"Ready\"}":{".":{},"f:status":{},"f:type":{}}},"f:phase":{},"f:podIP":{}}}""",
            FieldSet.Parse(kubelet["fieldsV1"]).ToJsonString());
        AssertEncoded(next);
    }

    [Fact]
    public void RecordUpdate_FieldAnotherUpdaterOwns_MovesToTheWriterAndKeepsTheirTime()
    {
        var live = Obj("{'metadata':{'name':'web'},'spec':{'replicas':1,'paused':true}}");
        _earlier.RecordUpdate(null, live, "creator", "apps/v1", string.Empty, Deployment);
        var next = Next(live, withManagedFields: false);
        next["spec"]!["replicas"] = 3;

        _later.RecordUpdate(live, next, "scaler", "apps/v1", string.Empty, Deployment);

        Assert.Equal("""{"f:spec":{"f:paused":{}}}""", FieldSet.Parse(Entry(next, "creator")["fieldsV1"]).ToJsonString());
        Assert.Equal("2026-11-24T06:00:00Z", Entry(next, "creator")["time"]!.GetValue<string>());
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", FieldSet.Parse(Entry(next, "scaler")["fieldsV1"]).ToJsonString());
        AssertEncoded(next);
    }

    [Fact]
    public void RecordUpdate_EveryFieldOfAnotherUpdaterRemoved_DropsTheirEntry()
    {
        var live = Obj("{'metadata':{'name':'web'},'spec':{'paused':true}}");
        _earlier.RecordUpdate(null, live, "creator", "apps/v1", string.Empty, Deployment);
        var next = Next(live, withManagedFields: true);
        next["spec"]!.AsObject().Remove("paused");
        next["spec"]!["replicas"] = 2;

        _later.RecordUpdate(live, next, "editor", "apps/v1", string.Empty, Deployment);

        var only = Assert.Single(ManagedFields(next));
        Assert.Equal("editor", only!["manager"]!.GetValue<string>());
        AssertEncoded(next);
    }

    [Fact]
    public void RecordUpdate_ManagerChangingOnlyWhatItOwns_KeepsEveryEntryInUpstreamOrder()
    {
        var live = Obj("{'metadata':{'name':'web'},'spec':{'paused':true}}");
        _earlier.RecordUpdate(null, live, "creator", "apps/v1", string.Empty, Deployment);
        var scaled = Next(live, withManagedFields: true);
        scaled["spec"]!["replicas"] = 2;
        _later.RecordUpdate(live, scaled, "scaler", "apps/v1", string.Empty, Deployment);
        var next = Next(scaled, withManagedFields: true);
        next["spec"]!["replicas"] = 5;

        _later.RecordUpdate(scaled, next, "scaler", "apps/v1", string.Empty, Deployment);

        Assert.Equal(ManagedFields(scaled).ToJsonString(), ManagedFields(next).ToJsonString());
        Assert.Equal(["creator", "scaler"], ManagedFields(next).Select(e => e!["manager"]!.GetValue<string>()));
    }
}
