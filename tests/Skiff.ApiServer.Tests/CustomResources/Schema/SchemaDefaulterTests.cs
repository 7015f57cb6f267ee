using System.Text.Json.Nodes;
using Skiff.ApiServer.CustomResources.Schema;

namespace Skiff.ApiServer.Tests.CustomResources.Schema;

public sealed class SchemaDefaulterTests
{
    [Theory]
    [InlineData("{'replicas':{'type':'integer','default':1}}", "{}", "{'replicas':1}")]
    [InlineData("{'replicas':{'type':'integer','default':1}}", "{'replicas':5}", "{'replicas':5}")]
    [InlineData("{'replicas':{'type':'integer','default':1}}", "{'replicas':null}", "{'replicas':1}")]
    [InlineData("{'replicas':{'type':'integer','nullable':true,'default':1}}", "{'replicas':null}", "{'replicas':null}")]
    [InlineData("{'tls':{'type':'object','default':{},'properties':{'port':{'type':'integer','default':443}}}}", "{}", "{'tls':{'port':443}}")]
    [InlineData("{'ports':{'type':'array','items':{'type':'object','properties':{'protocol':{'type':'string','default':'TCP'}}}}}",
        "{'ports':[{},{'protocol':'UDP'}]}", "{'ports':[{'protocol':'TCP'},{'protocol':'UDP'}]}")]
    public void Apply_FillsMissingFieldsFromDefaults(string properties, string spec, string expected)
    {
        var schema = StructuralSchema.Parse(TestJson.Obj("{'type':'object','properties':{'spec':{'type':'object','properties':" + properties + "}}}"));
        var obj = TestJson.Obj("{'spec':" + spec + "}");

        SchemaDefaulter.Apply(schema, obj);

        Assert.True(JsonNode.DeepEquals(TestJson.Obj("{'spec':" + expected + "}"), obj), obj.ToJsonString());
    }
}
