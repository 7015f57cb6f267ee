using System.Text.Json.Nodes;
using k8s.Models;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Handlers.Apply;

namespace Skiff.ApiServer.Tests.Handlers.Apply;

public sealed class FieldManagerTests
{
    private static readonly ApplyShape Deployment = ApplyShape.ForResource(typeof(V1Deployment));
    private readonly FieldManager _fields = new(TimeProvider.System);

    private static JsonObject Obj(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!.AsObject();

    private static JsonObject Config(int replicas, string image = "nginx:1", string extra = "") => Obj(
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':" + replicas + extra
        + ",'template':{'spec':{'containers':[{'name':'app','image':'" + image + "'}]}}}}");

    private static JsonObject? Entry(JsonObject obj, string manager) =>
        obj["metadata"]?["managedFields"]?.AsArray().Select(e => e!.AsObject()).FirstOrDefault(e => e["manager"]!.GetValue<string>() == manager);

    private static string Owned(JsonObject obj, string manager) => Entry(obj, manager)?["fieldsV1"] is { } fields ? FieldSet.Parse(fields).ToJsonString() : "<none>";

    private JsonObject Apply(JsonObject live, JsonObject config, string manager, bool force = false) =>
        _fields.Apply(live, config, manager, force, "apps/v1", string.Empty, Deployment);

    [Fact]
    public void Apply_NewObject_RecordsAppliedFieldsAsUpstreamSpellsThem()
    {
        var created = Apply(new JsonObject(), Config(2), "kubectl");

        var entry = Entry(created, "kubectl")!;
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.Equal("FieldsV1", entry["fieldsType"]!.GetValue<string>());
        Assert.Equal(
            """{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""",
            FieldSet.Parse(entry["fieldsV1"]).ToJsonString());
        Assert.Equal(2, created["spec"]!["replicas"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(2, false, false)] // same value: shared ownership, no conflict
    [InlineData(5, false, true)]  // different value owned by another manager: conflict
    [InlineData(5, true, false)]  // force takes the field
    public void Apply_FieldOwnedByAnotherManager_ConflictsUnlessSameValueOrForced(int replicas, bool force, bool conflicts)
    {
        var live = Apply(new JsonObject(), Config(2), "first");

        if (conflicts)
        {
            var e = Assert.Throws<ApiException>(() => Apply(live, Config(replicas), "second", force));
            Assert.Equal(409, e.Code);
            Assert.Equal("Apply failed with 1 conflict: conflict with \"first\": .spec.replicas", e.Message);
            var cause = Assert.Single(e.Details!.Causes);
            Assert.Equal(("FieldManagerConflict", ".spec.replicas", "conflict with \"first\""), (cause.Reason, cause.Field, cause.Message));
            return;
        }

        var result = Apply(live, Config(replicas), "second", force);
        Assert.Equal(replicas, result["spec"]!["replicas"]!.GetValue<int>());
        Assert.Contains("f:replicas", Owned(result, "second"), StringComparison.Ordinal);
        Assert.Equal(!force, Owned(result, "first").Contains("f:replicas", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_ConflictWithUpdater_NamesItsApiVersionAndListsEveryPath()
    {
        var live = Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':1,'paused':true}}");
        _fields.RecordUpdate(null, live, "kubectl-client-side-apply", "apps/v1", string.Empty, Deployment);

        var e = Assert.Throws<ApiException>(() => Apply(live, Config(3, extra: ",'paused':false"), "kubectl"));

        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n- .spec.paused\n- .spec.replicas",
            e.Message);
        Assert.Equal(2, e.Details!.Causes.Count);
    }

    [Fact]
    public void Apply_FieldDroppedFromConfig_IsRemovedUnlessAnotherManagerOwnsIt()
    {
        var live = Apply(new JsonObject(), Config(2, extra: ",'paused':true,'minReadySeconds':5"), "kubectl");
        live = Apply(live, Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'minReadySeconds':5}}"), "other");

        var result = Apply(live, Config(2), "kubectl");

        Assert.Null(result["spec"]!["paused"]);
        Assert.Equal(5, result["spec"]!["minReadySeconds"]!.GetValue<int>());
        Assert.DoesNotContain("f:minReadySeconds", Owned(result, "kubectl"), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ContainerDroppedFromConfig_RemovesTheWholeItem()
    {
        var two = Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':{'containers':"
            + "[{'name':'app','image':'a'},{'name':'side','image':'s'}]}}}}");
        var live = Apply(new JsonObject(), two, "kubectl");

        var result = Apply(live, Config(1, image: "a"), "kubectl");

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["app"], containers.Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_ContainersFromTwoManagers_MergeByNameAndKeepOrder()
    {
        var live = Apply(new JsonObject(), Config(1, image: "a"), "kubectl");
        var sidecar = Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':{'containers':"
            + "[{'name':'side','image':'s'},{'name':'app','image':'a','args':['x']}]}}}}");

        var result = Apply(live, sidecar, "injector");

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["app", "side"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("a", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal("x", containers[0]!["args"]![0]!.GetValue<string>());
        Assert.Contains("k:{\\\"name\\\":\\\"side\\\"}", Owned(result, "injector"), StringComparison.Ordinal);
        Assert.Contains("f:image", Owned(result, "kubectl"), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SetListAndAtomicList_MergeByValueAndReplaceWhole()
    {
        var shape = ApplyShape.ForResource(typeof(V1Pod));
        var first = Obj("{'metadata':{'name':'p','finalizers':['a']},'spec':{'containers':[{'name':'c','args':['1','2']}]}}");
        var second = Obj("{'metadata':{'name':'p','finalizers':['b']},'spec':{'containers':[{'name':'c','args':['3']}]}}");
        var live = _fields.Apply(new JsonObject(), first, "one", false, "v1", string.Empty, shape);

        var result = _fields.Apply(live, second, "two", true, "v1", string.Empty, shape);

        Assert.Equal(["a", "b"], result["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(["3"], result["spec"]!["containers"]![0]!["args"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public void RecordUpdate_ChangedField_MovesOwnershipFromApplierToUpdater()
    {
        var live = Apply(new JsonObject(), Config(2), "kubectl");
        var next = (JsonObject)live.DeepClone();
        next["spec"]!["replicas"] = 7;

        _fields.RecordUpdate(live, next, "kubectl-scale", "apps/v1", string.Empty, Deployment);

        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", Owned(next, "kubectl-scale"));
        Assert.Equal("Update", Entry(next, "kubectl-scale")!["operation"]!.GetValue<string>());
        Assert.DoesNotContain("f:replicas", Owned(next, "kubectl"), StringComparison.Ordinal);
        Assert.Contains("f:image", Owned(next, "kubectl"), StringComparison.Ordinal);
    }

    [Fact]
    public void RecordUpdate_Create_OwnsEverythingWithMapsAndItemsAsMembers()
    {
        var obj = Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'}},'spec':{'replicas':1},'status':{'replicas':0}}");

        _fields.RecordUpdate(null, obj, "kubectl-create", "apps/v1", string.Empty, Deployment);

        Assert.Equal("""{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}}""", Owned(obj, "kubectl-create"));
        Assert.Equal("apps/v1", Entry(obj, "kubectl-create")!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void RecordUpdate_StatusWrite_IsTrackedSeparatelyAsSubresource()
    {
        var live = Apply(new JsonObject(), Config(2), "kubectl");
        var next = (JsonObject)live.DeepClone();
        next["status"] = Obj("{'replicas':2}");

        _fields.RecordUpdate(live, next, "controller", "apps/v1", "status", Deployment);

        var entry = Entry(next, "controller")!;
        Assert.Equal("status", entry["subresource"]!.GetValue<string>());
        Assert.Equal("""{"f:status":{"f:replicas":{}}}""", FieldSet.Parse(entry["fieldsV1"]).ToJsonString());
    }

    [Fact]
    public void RecordUpdate_EmptyManagedFieldsSent_ResetsThem()
    {
        var live = Apply(new JsonObject(), Config(2), "kubectl");
        var next = (JsonObject)live.DeepClone();
        next["metadata"]!["managedFields"] = new JsonArray();

        _fields.RecordUpdate(live, next, "editor", "apps/v1", string.Empty, Deployment);

        Assert.Null(next["metadata"]!["managedFields"]);
    }

    [Fact]
    public void RecordUpdate_InvalidLiveManagedFields_AreReset()
    {
        var live = Obj("{'metadata':{'name':'web','managedFields':[{'manager':'x','operation':'Bogus','fieldsType':'FieldsV1','fieldsV1':{}}]},'spec':{'replicas':1}}");
        var next = (JsonObject)live.DeepClone();
        next["metadata"]!.AsObject().Remove("managedFields");
        next["spec"]!["replicas"] = 2;

        _fields.RecordUpdate(live, next, "editor", "apps/v1", string.Empty, Deployment);

        var only = Assert.Single(next["metadata"]!["managedFields"]!.AsArray());
        Assert.Equal("editor", only!["manager"]!.GetValue<string>());
    }
}
