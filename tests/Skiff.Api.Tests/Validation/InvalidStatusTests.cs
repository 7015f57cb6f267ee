using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.Api.Tests.Validation;

public sealed class InvalidStatusTests
{
    [Fact]
    public void Create_BuildsUpstreams422Status()
    {
        var status = InvalidStatus.Create("apps", "Deployment", "web", [FieldError.Required("spec.selector")]);

        var expected = JsonNode.Parse("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Deployment.apps \"web\" is invalid: spec.selector: Required value","reason":"Invalid","details":{"name":"web","group":"apps","kind":"Deployment","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.selector"}]},"code":422}""");

        Assert.True(JsonNode.DeepEquals(expected, status), status.ToJsonString());
        Assert.Equal(expected!.AsObject().Select(p => p.Key), status.Select(p => p.Key));
    }

    [Fact]
    public void Create_CoreGroup_OmitsGroupAndQualifier()
    {
        var status = InvalidStatus.Create("", "Pod", "p", []);

        Assert.Equal("Pod \"p\" is invalid", (string?)status["message"]);
        Assert.Null(status["details"]!["group"]);
    }
}
