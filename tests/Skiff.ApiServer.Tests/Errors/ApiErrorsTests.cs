using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Tests.Errors;

public sealed class ApiErrorsTests
{
    [Fact]
    public void NotFound_InNamedGroup_QualifiesTheResource()
    {
        var status = ApiErrors.NotFound("apps", "deployments", "web").ToStatus();

        Assert.Equal("deployments.apps \"web\" not found", status["message"]!.GetValue<string>());
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
        Assert.Equal(404, status["code"]!.GetValue<int>());
        Assert.Equal("apps", status["details"]!["group"]!.GetValue<string>());
        Assert.Equal("deployments", status["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Invalid_ListsEveryCauseInTheMessage()
    {
        var e = ApiErrors.Invalid("", "ConfigMap", "x", [new StatusCause("FieldValueRequired", "Required value", "metadata.name"), new StatusCause("FieldValueInvalid", "Invalid value: \"A\"", "metadata.labels")]);

        Assert.Equal(422, e.Code);
        Assert.Equal("ConfigMap \"x\" is invalid: [metadata.name: Required value, metadata.labels: Invalid value: \"A\"]", e.Message);
        Assert.Equal(2, e.ToStatus()["details"]!["causes"]!.AsArray().Count);
    }

    [Fact]
    public void Conflict_UsesUpstreamWording()
    {
        Assert.Equal(
            "Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again",
            ApiErrors.Conflict("", "configmaps", "c").Message);
    }
}
