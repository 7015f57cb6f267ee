using k8s.Models;
using Skiff.ApiServer.Handlers.Patch;
using static Skiff.ApiServer.Tests.Handlers.Patch.PatchTestJson;

namespace Skiff.ApiServer.Tests.Handlers.Patch;

public sealed class PatchDispatcherTests
{
    private const string BuiltInAccepted =
        "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, "
        + "application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml";

    private const string CustomAccepted =
        "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, "
        + "application/merge-patch+json, application/apply-patch+yaml";

    [Theory]
    [InlineData("application/json", BuiltInAccepted)]
    [InlineData("text/plain", BuiltInAccepted)]
    [InlineData("", BuiltInAccepted)]
    [InlineData("Application/Merge-Patch+Json", BuiltInAccepted)]
    public void Apply_UnknownContentType_Is415ListingWhatIsAccepted(string contentType, string message)
    {
        var error = Fail(contentType, "{}", "{}", typeof(V1Pod));

        Assert.Equal(415, error.Code);
        Assert.Equal("UnsupportedMediaType", error.Reason);
        Assert.Equal(message, error.StatusMessage);
    }

    [Fact]
    public void Apply_StrategicMergePatchWithoutSchema_Is415AsForCustomResources()
    {
        var error = Fail("application/strategic-merge-patch+json", "{}", "{}", model: null);

        Assert.Equal(415, error.Code);
        Assert.Equal(CustomAccepted, error.StatusMessage);
    }

    [Theory]
    [InlineData("application/merge-patch+json; charset=utf-8")]
    [InlineData("application/merge-patch+json;charset=UTF-8")]
    public void Apply_ContentTypeParameters_AreIgnored(string contentType)
    {
        Assert.Equal(Compact("{'a':2}"), Patched(contentType, "{'a':1}", "{'a':2}", typeof(V1Pod)));
    }

    [Theory]
    [InlineData("application/json-patch+json")]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/strategic-merge-patch+json")]
    public void Apply_InvalidJson_IsBadRequest(string contentType)
    {
        var error = Fail(contentType, "{}", "{'a':1}}", typeof(V1Pod));

        Assert.Equal(400, error.Code);
        Assert.Equal("invalid JSON patch", error.StatusMessage);
    }

    [Theory]
    [InlineData("[{'a':1}]", "json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData("5", "json: cannot unmarshal number into Go value of type map[string]interface {}")]
    public void Apply_StrategicMergePatchThatIsNotAnObject_IsBadRequest(string patch, string message)
    {
        var error = Fail("application/strategic-merge-patch+json", "{}", patch, typeof(V1Pod));

        Assert.Equal(400, error.Code);
        Assert.Equal(message, error.StatusMessage);
    }

    [Fact]
    public void Apply_RepeatedKeyInPatch_TakesTheLastValueLikeGo()
    {
        Assert.Equal(Compact("{'a':3}"), Patched("application/merge-patch+json", "{'a':1}", "{'a':2,'a':3}", typeof(V1Pod)));
    }

    [Fact]
    public void Apply_DoesNotChangeTheCallersObject()
    {
        var current = Object("{'metadata':{'labels':{'a':'1'}}}");

        var result = PatchDispatcher.Apply(
            "application/strategic-merge-patch+json", current, System.Text.Encoding.UTF8.GetBytes(Json("{'metadata':{'labels':{'a':null}}}")), typeof(V1Pod));

        Assert.Equal(Compact("{'metadata':{'labels':{'a':'1'}}}"), current.ToJsonString());
        Assert.Equal(Compact("{'metadata':{'labels':{}}}"), result.ToJsonString());
    }

    [Fact]
    public void ToStatus_ForUnprocessablePatch_MatchesUpstreamsGenericResponse()
    {
        var error = Fail("application/json-patch+json", "{'a':1}", "[{'op':'test','path':'/a','value':2}]", typeof(V1Pod));

        Assert.Equal(
            Compact("{'kind':'Status','apiVersion':'v1','metadata':{},'status':'Failure','message':'the server rejected our request due to an error in our request','reason':'Invalid','details':{},'code':422}"),
            error.ToStatus().ToJsonString());
    }

    [Fact]
    public void Apply_TooManyJsonPatchOperations_IsRequestEntityTooLarge()
    {
        var patch = "[" + string.Join(",", Enumerable.Repeat("{'op':'test','path':'/a','value':1}", JsonPatch.MaxOperations + 1)) + "]";

        var error = Fail("application/json-patch+json", "{'a':1}", patch, typeof(V1Pod));

        Assert.Equal(413, error.Code);
        Assert.Equal("Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001", error.StatusMessage);
    }
}
