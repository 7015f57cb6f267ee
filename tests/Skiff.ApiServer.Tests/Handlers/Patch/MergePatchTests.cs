using static Skiff.ApiServer.Tests.Handlers.Patch.PatchTestJson;

namespace Skiff.ApiServer.Tests.Handlers.Patch;

public sealed class MergePatchTests
{
    private const string ContentType = "application/merge-patch+json";

    public static TheoryData<string, string, string, string> Applied => new()
    {
        { "scale sends replicas", "{'spec':{'replicas':1,'paused':true}}", "{'spec':{'replicas':3}}", "{'spec':{'replicas':3,'paused':true}}" },
        { "null deletes", "{'spec':{'replicas':1,'paused':true}}", "{'spec':{'paused':null}}", "{'spec':{'replicas':1}}" },
        { "null for a missing key is ignored", "{'a':1}", "{'b':null}", "{'a':1}" },
        { "objects merge recursively", "{'m':{'labels':{'a':'1','b':'2'}}}", "{'m':{'labels':{'b':'3','c':'4'}}}", "{'m':{'labels':{'a':'1','b':'3','c':'4'}}}" },
        { "lists replace", "{'l':[{'name':'a'},{'name':'b'}]}", "{'l':[{'name':'c'}]}", "{'l':[{'name':'c'}]}" },
        { "a scalar replaces an object", "{'a':{'x':1}}", "{'a':5}", "{'a':5}" },
        { "an object replaces a scalar, without its nulls", "{'a':5}", "{'a':{'x':1,'y':null}}", "{'a':{'x':1}}" },
        { "a new object loses nested nulls", "{}", "{'a':{'b':{'c':null,'d':1}}}", "{'a':{'b':{'d':1}}}" },
        { "nulls inside new lists are kept", "{}", "{'a':[null,{'x':null}]}", "{'a':[null,{}]}" },
        { "an empty patch changes nothing", "{'a':1}", "{}", "{'a':1}" },
    };

    [Theory]
    [MemberData(nameof(Applied))]
    public void Apply_ProducesUpstreamResult(string name, string current, string patch, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(Compact(expected), Patched(ContentType, current, patch, model: null));
    }

    [Theory]
    [InlineData("[1]", "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData("'x'", "error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}")]
    [InlineData("null", "Invalid JSON Patch")]
    [InlineData("{'a':", "invalid JSON patch")]
    public void Apply_BodyThatIsNotAnObject_IsBadRequest(string patch, string message)
    {
        var error = Fail(ContentType, "{'a':1}", patch, model: null);

        Assert.Equal(400, error.Code);
        Assert.Equal(message, error.StatusMessage);
    }
}
