using Skiff.ApiServer.Printing;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class TableRequestTests
{
    [Theory]
    [InlineData(null, IncludeObjectPolicy.Metadata)]
    [InlineData("", IncludeObjectPolicy.Metadata)]
    [InlineData("Metadata", IncludeObjectPolicy.Metadata)]
    [InlineData("None", IncludeObjectPolicy.None)]
    [InlineData("Object", IncludeObjectPolicy.Object)]
    public void TryCreate_ReadsIncludeObject(string? value, IncludeObjectPolicy expected)
    {
        Assert.True(TableRequest.TryCreate(TableRequest.V1, value, out var request, out var error));
        Assert.Null(error);
        Assert.Equal(expected, request.IncludeObject);
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
