using Skiff.ApiServer.Printing;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class TableRequestTests
{
    [Theory]
    [InlineData(null, "Metadata")]
    [InlineData("", "Metadata")]
    [InlineData("Metadata", "Metadata")]
    [InlineData("None", "None")]
    [InlineData("Object", "Object")]
    public void TryCreate_ReadsIncludeObject(string? value, string expected)
    {
        Assert.True(TableRequest.TryCreate(TableRequest.V1, value, out var request, out var error));
        Assert.Null(error);
        Assert.Equal(expected, request.IncludeObject.ToString());
        Assert.Equal("meta.k8s.io/v1", request.ApiVersion);
    }

    [Fact]
    public void TryCreate_UnknownIncludeObject_GivesUpstreamBadRequestMessage()
    {
        Assert.False(TableRequest.TryCreate(TableRequest.V1, "metadata", out _, out var error));
        Assert.Equal(
            "Unable to convert to Table as requested: includeObject: Invalid value: \"metadata\": must be 'Metadata', 'Object', 'None', or empty",
            error);
    }
}
