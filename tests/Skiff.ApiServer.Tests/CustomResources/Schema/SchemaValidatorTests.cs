using Skiff.ApiServer.CustomResources.Schema;

namespace Skiff.ApiServer.Tests.CustomResources.Schema;

public sealed class SchemaValidatorTests
{
    private const string Spec = "{'type':'object','properties':{'spec':{'type':'object','properties':{0}}}}";

    [Theory]
    [InlineData("'replicas':{'type':'integer'}", "{'replicas':3}", "")]
    [InlineData("'replicas':{'type':'integer'}", "{'replicas':2.0}", "")]
    [InlineData("'replicas':{'type':'integer'}", "{'replicas':'three'}",
        "FieldValueTypeInvalid|spec.replicas|Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"")]
    [InlineData("'replicas':{'type':'integer'}", "{'replicas':1.5}",
        "FieldValueTypeInvalid|spec.replicas|Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\"")]
    [InlineData("'name':{'type':'string'}", "{'name':null}",
        "FieldValueTypeInvalid|spec.name|Invalid value: \"null\": spec.name in body must be of type string: \"null\"")]
    [InlineData("'name':{'type':'string','nullable':true}", "{'name':null}", "")]
    [InlineData("'replicas':{'type':'integer','minimum':1}", "{'replicas':0}",
        "FieldValueInvalid|spec.replicas|Invalid value: 0: spec.replicas in body should be greater than or equal to 1")]
    [InlineData("'replicas':{'type':'integer','maximum':10}", "{'replicas':11}",
        "FieldValueInvalid|spec.replicas|Invalid value: 11: spec.replicas in body should be less than or equal to 10")]
    [InlineData("'replicas':{'type':'integer','maximum':10,'exclusiveMaximum':true}", "{'replicas':10}",
        "FieldValueInvalid|spec.replicas|Invalid value: 10: spec.replicas in body should be less than 10")]
    [InlineData("'ratio':{'type':'number','minimum':0.5,'exclusiveMinimum':true}", "{'ratio':0.5}",
        "FieldValueInvalid|spec.ratio|Invalid value: 0.5: spec.ratio in body should be greater than 0.5")]
    [InlineData("'size':{'type':'integer','maximum':1000000}", "{'size':2000000}",
        "FieldValueInvalid|spec.size|Invalid value: 2000000: spec.size in body should be less than or equal to 1e+06")]
    [InlineData("'step':{'type':'integer','multipleOf':5}", "{'step':7}",
        "FieldValueInvalid|spec.step|Invalid value: 7: spec.step in body should be a multiple of 5")]
    [InlineData("'name':{'type':'string','minLength':3}", "{'name':'ab'}",
        "FieldValueInvalid|spec.name|Invalid value: \"ab\": spec.name in body should be at least 3 chars long")]
    [InlineData("'name':{'type':'string','maxLength':3}", "{'name':'abcd'}",
        "FieldValueTooLong|spec.name|Too long: may not be more than 3 bytes")]
    [InlineData("'name':{'type':'string','pattern':'^[a-z]+$'}", "{'name':'ABC'}",
        "FieldValueInvalid|spec.name|Invalid value: \"ABC\": spec.name in body should match '^[a-z]+$'")]
    [InlineData("'color':{'type':'string','enum':['red','blue']}", "{'color':'pink'}",
        "FieldValueNotSupported|spec.color|Unsupported value: \"pink\": supported values: \"red\", \"blue\"")]
    [InlineData("'level':{'type':'integer','enum':[1,2]}", "{'level':2}", "")]
    [InlineData("'tags':{'type':'array','items':{'type':'string'},'maxItems':2}", "{'tags':['a','b','c']}",
        "FieldValueTooMany|spec.tags|Too many: 3: must have at most 2 items")]
    [InlineData("'tags':{'type':'array','items':{'type':'string'},'minItems':1}", "{'tags':[]}",
        "FieldValueInvalid|spec.tags|Invalid value: 0: spec.tags in body should have at least 1 items")]
    [InlineData("'ports':{'type':'array','items':{'type':'object','required':['port'],'properties':{'port':{'type':'integer'}}}}",
        "{'ports':[{'port':80},{'name':'x'}]}", "FieldValueRequired|spec.ports[1].port|Required value")]
    [InlineData("'ports':{'type':'array','items':{'type':'integer','maximum':5}}", "{'ports':[1,9]}",
        "FieldValueInvalid|spec.ports[1]|Invalid value: 9: spec.ports[1] in body should be less than or equal to 5")]
    [InlineData("'labels':{'type':'object','additionalProperties':{'type':'string'}}", "{'labels':{'a':'b','c':1}}",
        "FieldValueTypeInvalid|spec.labels.c|Invalid value: \"integer\": spec.labels.c in body must be of type string: \"integer\"")]
    [InlineData("'port':{'x-kubernetes-int-or-string':true}", "{'port':'http'}", "")]
    [InlineData("'port':{'x-kubernetes-int-or-string':true}", "{'port':8080}", "")]
    [InlineData("'port':{'x-kubernetes-int-or-string':true}", "{'port':true}",
        "FieldValueTypeInvalid|spec.port|Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"")]
    [InlineData("'when':{'type':'string','format':'date-time'}", "{'when':'2024-01-02T03:04:05Z'}", "")]
    [InlineData("'when':{'type':'string','format':'date'}", "{'when':'yesterday'}",
        "FieldValueTypeInvalid|spec.when|Invalid value: \"yesterday\": spec.when in body must be of type date: \"yesterday\"")]
    [InlineData("'id':{'type':'string','format':'uuid'}", "{'id':'not-a-uuid'}",
        "FieldValueTypeInvalid|spec.id|Invalid value: \"not-a-uuid\": spec.id in body must be of type uuid: \"not-a-uuid\"")]
    [InlineData("'template':{'type':'object','x-kubernetes-embedded-resource':true,'x-kubernetes-preserve-unknown-fields':true}",
        "{'template':{'kind':'Pod'}}", "FieldValueRequired|spec.template.apiVersion|Required value: must not be empty")]
    [InlineData("'mode':{'type':'string','anyOf':[{'enum':['a']},{'enum':['b']}]}", "{'mode':'c'}",
        "FieldValueInvalid|spec.mode|Invalid value: \"c\": spec.mode in body must validate at least one schema (anyOf)")]
    public void Validate_ReportsUpstreamCauses(string properties, string spec, string expected)
    {
        var schema = StructuralSchema.Parse(TestJson.Obj(Spec.Replace("{0}", "{" + properties + "}", StringComparison.Ordinal)));
        var obj = TestJson.Obj("{'apiVersion':'example.com/v1','kind':'Foo','metadata':{'name':'x'},'spec':" + spec + "}");

        var causes = SchemaValidator.ValidateObject(schema, obj).Select(e => $"{e.Reason}|{e.Field}|{e.Message}");

        Assert.Equal(expected.Length == 0 ? [] : [expected], causes);
    }

    [Fact]
    public void Validate_MissingRequiredRootField_IsRequiredValue()
    {
        var schema = StructuralSchema.Parse(TestJson.Obj("{'type':'object','required':['spec'],'properties':{'spec':{'type':'object'}}}"));

        var errors = SchemaValidator.ValidateObject(schema, TestJson.Obj("{'apiVersion':'example.com/v1','kind':'Foo','metadata':{'name':'x'}}"));

        var error = Assert.Single(errors);
        Assert.Equal("spec: Required value", error.ToString());
    }

    [Fact]
    public void Validate_RootTypeAndMetadata_AreNotCheckedAgainstAnEmptyObjectSchema()
    {
        var schema = StructuralSchema.Parse(TestJson.Obj("{'type':'object'}"));

        var errors = SchemaValidator.ValidateObject(schema, TestJson.Obj("{'apiVersion':'example.com/v1','kind':'Foo','metadata':{'name':'x','labels':{'a':'b'}}}"));

        Assert.Empty(errors);
    }
}
