using System.Text.Json.Nodes;
using k8s.Models;
using Skiff.ApiServer.Handlers.Apply;

namespace Skiff.ApiServer.Tests.Handlers.Apply;

public sealed class FieldWalkerTests
{
    private static JsonObject Obj(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!.AsObject();

    [Fact]
    public void FieldsOf_CustomResource_MergesMapsAndTreatsListsAsLeaves()
    {
        var shape = ApplyShape.ForResource(null);
        var config = Obj("{'metadata':{'labels':{'a':'b'}},'spec':{'size':1,'items':[{'x':1}],'nested':{'on':true}}}");

        var fields = FieldWalker.FieldsOf(config, shape);

        Assert.Equal(
            """{"f:metadata":{"f:labels":{"f:a":{}}},"f:spec":{"f:items":{},"f:nested":{"f:on":{}},"f:size":{}}}""",
            fields.ToJsonString());
    }

    [Fact]
    public void FieldsOf_SetListAndEmptyMap_AreMembersByValue()
    {
        var shape = ApplyShape.ForResource(typeof(V1Pod));
        var config = Obj("{'metadata':{'finalizers':['a','b'],'annotations':{}}}");

        var fields = FieldWalker.FieldsOf(config, shape);

        Assert.Equal("""{"f:metadata":{"f:annotations":{},"f:finalizers":{"v:\"a\"":{},"v:\"b\"":{}}}}""", fields.ToJsonString());
    }

    [Fact]
    public void Compare_ReportsAddedModifiedAndRemovedFields()
    {
        var shape = ApplyShape.ForResource(typeof(V1ConfigMap));
        var old = Obj("{'data':{'keep':'1','change':'1','drop':'1'}}");
        var now = Obj("{'data':{'keep':'1','change':'2','new':'1'}}");

        var comparison = FieldWalker.Compare(old, now, shape);

        Assert.Equal("""{"f:data":{"f:new":{}}}""", comparison.Added.ToJsonString());
        Assert.Equal("""{"f:data":{"f:change":{}}}""", comparison.Modified.ToJsonString());
        Assert.Equal("""{"f:data":{"f:drop":{}}}""", comparison.Removed.ToJsonString());
    }

    [Fact]
    public void PortKeys_FillTheDefaultProtocol_AndPrintAsUpstreamConflictPaths()
    {
        var shape = ApplyShape.ForResource(typeof(V1Service));
        var fields = FieldWalker.FieldsOf(Obj("{'spec':{'ports':[{'port':80}]}}"), shape);

        var paths = fields.Paths().Select(FieldPathText.Format).ToList();

        Assert.Equal([".spec.ports[port=80,protocol=\"TCP\"]", ".spec.ports[port=80,protocol=\"TCP\"].port"], paths);
    }
}
