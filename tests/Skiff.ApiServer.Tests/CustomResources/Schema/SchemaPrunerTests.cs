using System.Text.Json.Nodes;
using Skiff.ApiServer.CustomResources.Schema;

namespace Skiff.ApiServer.Tests.CustomResources.Schema;

public sealed class SchemaPrunerTests
{
    private const string Envelope = "'apiVersion':'example.com/v1','kind':'Foo','metadata':{'name':'x','annotations':{'a':'b'}}";

    [Theory]
    [InlineData("{'type':'object','properties':{'spec':{'type':'object','properties':{'a':{'type':'string'}}}}}",
        "{'spec':{'a':'1','b':'2'},'extra':true}", "{'spec':{'a':'1'}}", "spec.b,extra")]
    [InlineData("{'type':'object','properties':{'spec':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}",
        "{'spec':{'anything':{'goes':1}}}", "{'spec':{'anything':{'goes':1}}}", "")]
    [InlineData("{'type':'object','properties':{'spec':{'type':'object','x-kubernetes-preserve-unknown-fields':true,'properties':{'inner':{'type':'object','properties':{'k':{'type':'string'}}}}}}}",
        "{'spec':{'kept':1,'inner':{'k':'v','dropped':2}}}", "{'spec':{'kept':1,'inner':{'k':'v'}}}", "spec.inner.dropped")]
    [InlineData("{'type':'object','properties':{'spec':{'type':'object','properties':{'items':{'type':'array','items':{'type':'object','properties':{'n':{'type':'integer'}}}}}}}}",
        "{'spec':{'items':[{'n':1,'x':2},{'y':3}]}}", "{'spec':{'items':[{'n':1},{}]}}", "spec.items[0].x,spec.items[1].y")]
    [InlineData("{'type':'object','properties':{'spec':{'type':'object','properties':{'m':{'type':'object','additionalProperties':{'type':'object','properties':{'v':{'type':'string'}}}}}}}}",
        "{'spec':{'m':{'one':{'v':'1','w':'2'}}}}", "{'spec':{'m':{'one':{'v':'1'}}}}", "spec.m.one.w")]
    [InlineData("{'type':'object','properties':{'spec':{'type':'object','properties':{'t':{'type':'object','x-kubernetes-embedded-resource':true,'properties':{'spec':{'type':'object'}}}}}}}",
        "{'spec':{'t':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{},'junk':1}}}",
        "{'spec':{'t':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{}}}}", "spec.t.junk")]
    [InlineData("{'type':'object','properties':{'spec':{'type':'object','properties':{'p':{'x-kubernetes-int-or-string':true}}}}}",
        "{'spec':{'p':'80'}}", "{'spec':{'p':'80'}}", "")]
    public void Prune_DropsWhatTheSchemaDoesNotSpecify(string schema, string content, string expected, string prunedPaths)
    {
        var obj = TestJson.Obj("{" + Envelope + "," + content[1..]);

        var pruned = SchemaPruner.PruneObject(StructuralSchema.Parse(TestJson.Obj(schema)), obj);

        var expectedObj = TestJson.Obj("{" + Envelope + "," + expected[1..]);
        Assert.True(JsonNode.DeepEquals(expectedObj, obj), obj.ToJsonString());
        Assert.Equal(prunedPaths, string.Join(",", pruned));
    }
}
