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

public sealed class FieldWalkerListMatchingTests
{
    private static readonly ApplyShape PodShape = ApplyShape.ForResource(typeof(V1Pod));

    private static JsonArray Conditions(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!.AsArray();

    /// <summary>Items nobody changes, enough of them that the lists are matched by path elements instead of paired by key.</summary>
    private static JsonArray Padded(JsonArray items)
    {
        var padded = new JsonArray();
        foreach (var item in items)
        {
            padded.Add(item?.DeepClone());
        }

        for (var i = 0; i < 20; i++)
        {
            padded.Add(new JsonObject { ["type"] = "Pad" + i, ["status"] = "True" });
        }

        return padded;
    }

    private static FieldComparison Compare(JsonArray old, JsonArray now) =>
        FieldWalker.Compare(
            [KeyValuePair.Create<string, JsonNode?>("status", new JsonObject { ["conditions"] = old })],
            [KeyValuePair.Create<string, JsonNode?>("status", new JsonObject { ["conditions"] = now })],
            PodShape);

    [Theory]
    [InlineData("[{'type':'A','status':'True'}]", "[{'type':'A','status':'False'}]")]
    [InlineData("[{'type':'A','status':'True'}]", "[{'type':'B','status':'True'},{'type':'A','status':'True'}]")]
    [InlineData("[{'type':'A','status':'True'},{'type':'B'}]", "[{'type':'B','reason':'x'}]")]
    [InlineData("[{'type':'A'},{'type':'B'},{'type':'C'}]", "[{'type':'C'},{'type':'A','status':'1'},{'type':'D'}]")]
    [InlineData("[{'status':'True'}]", "[{'status':'False'}]")]
    public void ShortLists_PairedByKey_CompareAsLongListsMatchedByPathElements(string old, string now)
    {
        var paired = Compare(Conditions(old), Conditions(now));
        var matched = Compare(Padded(Conditions(old)), Padded(Conditions(now)));

        Assert.Equal(matched.Added.ToJsonString(), paired.Added.ToJsonString());
        Assert.Equal(matched.Modified.ToJsonString(), paired.Modified.ToJsonString());
        Assert.Equal(matched.Removed.ToJsonString(), paired.Removed.ToJsonString());
    }

    [Fact]
    public void ShortList_WithARepeatedKey_IsMatchedByPathElementsAsBefore()
    {
        var now = Conditions("[{'type':'A','status':'True'},{'type':'A','status':'False'}]");

        var comparison = Compare(Conditions("[{'type':'B'}]"), now);

        Assert.Equal("""{"f:status":{"f:conditions":{"k:{\"type\":\"A\"}":{".":{},"f:status":{},"f:type":{}}}}}""", comparison.Added.ToJsonString());
    }
}
