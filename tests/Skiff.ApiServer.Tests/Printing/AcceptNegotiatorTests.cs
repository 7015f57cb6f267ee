using Skiff.ApiServer.Printing;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class AcceptNegotiatorTests
{
    private const string KubectlGet =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    [Theory]
    [InlineData(KubectlGet, "Json", "Table", "meta.k8s.io/v1")]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", "Json", "Table", "meta.k8s.io/v1beta1")]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io,application/json", "Json", "None", null)]
    [InlineData("application/json;as=Table;v=v1;g=example.com,application/yaml", "Yaml", "None", null)]
    [InlineData("application/yaml;as=Table;v=v1;g=meta.k8s.io", "Yaml", "Table", "meta.k8s.io/v1")]
    [InlineData("application/json", "Json", "None", null)]
    [InlineData("application/yaml", "Yaml", "None", null)]
    [InlineData("*/*", "Json", "None", null)]
    [InlineData("application/*", "Json", "None", null)]
    [InlineData("", "Json", "None", null)]
    [InlineData(null, "Json", "None", null)]
    [InlineData("application/vnd.kubernetes.protobuf,application/json", "Json", "None", null)]
    [InlineData("application/vnd.kubernetes.protobuf", "Json", "None", null)]
    [InlineData("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io", "Json", "Table", "meta.k8s.io/v1")]
    [InlineData("application/json;q=0.5,application/yaml", "Yaml", "None", null)]
    [InlineData("*/*;q=0.8,application/yaml", "Yaml", "None", null)]
    [InlineData("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json", "Json", "PartialObjectMetadataList", "meta.k8s.io/v1")]
    [InlineData("application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io", "Json", "PartialObjectMetadata", "meta.k8s.io/v1")]
    [InlineData("text/html,application/json", "Json", "None", null)]
    public void Negotiate_PicksFirstServableClause(string? accept, string format, string transform, string? apiVersion)
    {
        var chosen = AcceptNegotiator.Negotiate(accept);

        Assert.NotNull(chosen);
        Assert.Equal((format, transform, apiVersion), (chosen.Format.ToString(), chosen.Transform.ToString(), chosen.TransformApiVersion));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json;as=Widget;v=v1;g=meta.k8s.io")]
    [InlineData("application/json;as=Table")]
    public void Negotiate_NothingServable_IsNotAcceptable(string accept)
    {
        Assert.Null(AcceptNegotiator.Negotiate(accept));
    }

    [Fact]
    public void Negotiate_ReadsPrettyAndContentType()
    {
        var chosen = AcceptNegotiator.Negotiate("application/yaml;pretty=1")!;

        Assert.True(chosen.Pretty);
        Assert.Equal("application/yaml", chosen.ContentType);
        Assert.Equal("application/json", AcceptNegotiator.Negotiate(KubectlGet)!.ContentType);
    }
}
