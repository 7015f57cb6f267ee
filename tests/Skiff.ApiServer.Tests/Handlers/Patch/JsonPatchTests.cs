using static Skiff.ApiServer.Tests.Handlers.Patch.PatchTestJson;

namespace Skiff.ApiServer.Tests.Handlers.Patch;

public sealed class JsonPatchTests
{
    private const string ContentType = "application/json-patch+json";

    public static TheoryData<string, string, string, string> Applied => new()
    {
        { "add a new key", "{'a':1}", "[{'op':'add','path':'/b','value':2}]", "{'a':1,'b':2}" },
        { "add over an existing key replaces it", "{'a':1}", "[{'op':'add','path':'/a','value':[1]}]", "{'a':[1]}" },
        { "add inserts into an array", "{'l':[1,3]}", "[{'op':'add','path':'/l/1','value':2}]", "{'l':[1,2,3]}" },
        { "dash appends", "{'l':[1]}", "[{'op':'add','path':'/l/-','value':2}]", "{'l':[1,2]}" },
        { "add at the array length appends", "{'l':[1]}", "[{'op':'add','path':'/l/1','value':2}]", "{'l':[1,2]}" },
        { "negative index counts from the end", "{'l':[1,2,3]}", "[{'op':'remove','path':'/l/-1'}]", "{'l':[1,2]}" },
        { "remove a key", "{'a':1,'b':2}", "[{'op':'remove','path':'/a'}]", "{'b':2}" },
        { "replace a value", "{'a':1}", "[{'op':'replace','path':'/a','value':'x'}]", "{'a':'x'}" },
        { "replace creates a missing object key as upstream's library does", "{'a':1}", "[{'op':'replace','path':'/b','value':2}]", "{'a':1,'b':2}" },
        { "replace an array item", "{'l':[1,2]}", "[{'op':'replace','path':'/l/0','value':9}]", "{'l':[9,2]}" },
        { "move", "{'a':{'x':1},'b':{}}", "[{'op':'move','from':'/a/x','path':'/b/y'}]", "{'a':{},'b':{'y':1}}" },
        { "copy", "{'a':{'x':1}}", "[{'op':'copy','from':'/a','path':'/b'}]", "{'a':{'x':1},'b':{'x':1}}" },
        { "passing test", "{'a':{'x':[1,'s']}}", "[{'op':'test','path':'/a','value':{'x':[1,'s']}},{'op':'add','path':'/b','value':1}]", "{'a':{'x':[1,'s']},'b':1}" },
        { "test for null passes on a missing key", "{'a':1}", "[{'op':'test','path':'/zz','value':null}]", "{'a':1}" },
        { "tilde-one escapes a slash", "{'m':{'a/b':1}}", "[{'op':'replace','path':'/m/a~1b','value':2}]", "{'m':{'a/b':2}}" },
        { "tilde-zero escapes a tilde", "{'m':{'a~b':1}}", "[{'op':'remove','path':'/m/a~0b'}]", "{'m':{}}" },
        { "annotation keys with slashes", "{'metadata':{'annotations':{'deployment.kubernetes.io/revision':'1'}}}", "[{'op':'replace','path':'/metadata/annotations/deployment.kubernetes.io~1revision','value':'2'}]", "{'metadata':{'annotations':{'deployment.kubernetes.io/revision':'2'}}}" },
        { "a null body changes nothing", "{'a':1}", "null", "{'a':1}" },
        { "numbers keep their spelling", "{'a':1}", "[{'op':'add','path':'/b','value':1.50}]", "{'a':1,'b':1.50}" },
    };

    [Theory]
    [MemberData(nameof(Applied))]
    public void Apply_ProducesUpstreamResult(string name, string current, string patch, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(Compact(expected), Patched(ContentType, current, patch, model: null));
    }

    [Fact]
    public void RolloutUndo_ReplacesTemplateAndAnnotations()
    {
        var current = """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','annotations':{'deployment.kubernetes.io/revision':'2','note':'x'}},
             'spec':{'replicas':3,'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'nginx:1.2'}]}}}}
            """;
        var patch = """
            [{'op':'replace','path':'/spec/template','value':{'metadata':{'labels':{'app':'web','pod-template-hash':'abc'}},'spec':{'containers':[{'name':'web','image':'nginx:1.1'}]}}},
             {'op':'replace','path':'/metadata/annotations','value':{'deployment.kubernetes.io/revision':'2'}}]
            """;
        var expected = """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'web','annotations':{'deployment.kubernetes.io/revision':'2'}},
             'spec':{'replicas':3,'template':{'metadata':{'labels':{'app':'web','pod-template-hash':'abc'}},'spec':{'containers':[{'name':'web','image':'nginx:1.1'}]}}}}
            """;

        Assert.Equal(Compact(expected), Patched(ContentType, current, patch, typeof(k8s.Models.V1Deployment)));
    }

    public static TheoryData<string, string, string> Unprocessable => new()
    {
        { "{'spec':{'replicas':3}}", "[{'op':'test','path':'/spec/replicas','value':2}]", "testing value /spec/replicas failed: test failed" },
        { "{'spec':{}}", "[{'op':'test','path':'/spec/replicas','value':2}]", "testing value /spec/replicas failed: test failed" },
        { "{'a':1}", "[{'op':'remove','path':'/b'}]", "Unable to remove nonexistent key: b: missing value" },
        { "{'a':1}", "[{'op':'add','path':'/x/y','value':1}]", "add operation does not apply: doc is missing path: \"/x/y\": missing value" },
        { "{'a':1}", "[{'op':'replace','path':'/x/y','value':1}]", "replace operation does not apply: doc is missing path: /x/y: missing value" },
        { "{'l':[1]}", "[{'op':'replace','path':'/l/5','value':1}]", "replace operation does not apply: doc is missing key: /l/5: missing value" },
        { "{'l':[1]}", "[{'op':'add','path':'/l/3','value':1}]", "Unable to access invalid index: 3: invalid index referenced" },
        { "{'a':1}", "[{'op':'frobnicate','path':'/a'}]", "Unexpected kind: frobnicate" },
        { "{'a':1}", "[{'path':'/a'}]", "Unexpected kind: unknown" },
        { "{'a':1}", "[{'op':'copy','from':'/nope/x','path':'/b'}]", "copy operation does not apply: doc is missing from path: /nope/x: missing value" },
    };

    [Theory]
    [MemberData(nameof(Unprocessable))]
    public void Apply_OperationThatDoesNotApply_Is422WithUpstreamsGenericMessage(string current, string patch, string detail)
    {
        var error = Fail(ContentType, current, patch, model: null);

        Assert.Equal(422, error.Code);
        Assert.Equal("Invalid", error.Reason);
        Assert.Equal("the server rejected our request due to an error in our request", error.StatusMessage);
        Assert.Equal(detail, error.Message);
    }

    [Theory]
    [InlineData("{'op':'add'}", "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")]
    [InlineData("['add']", "error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp")]
    [InlineData("[{'op':'add','path':5}]", "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string")]
    [InlineData("[{'op':", "invalid JSON patch")]
    public void Apply_MalformedBody_IsBadRequest(string patch, string message)
    {
        var error = Fail(ContentType, "{'a':1}", patch, model: null);

        Assert.Equal(400, error.Code);
        Assert.Equal("BadRequest", error.Reason);
        Assert.Equal(message, error.StatusMessage);
    }

    [Fact]
    public void Apply_FailedTest_LeavesTheCallersObjectUntouched()
    {
        var current = Object("{'a':1}");

        Assert.Throws<Skiff.ApiServer.Handlers.Patch.PatchException>(() => Skiff.ApiServer.Handlers.Patch.PatchDispatcher.Apply(
            ContentType, current, System.Text.Encoding.UTF8.GetBytes(Json("[{'op':'add','path':'/b','value':1},{'op':'test','path':'/a','value':2}]")), null));
        Assert.Equal(Compact("{'a':1}"), current.ToJsonString());
    }
}
