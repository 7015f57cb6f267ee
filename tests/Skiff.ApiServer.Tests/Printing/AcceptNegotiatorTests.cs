using Skiff.ApiServer.Printing;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class AcceptNegotiatorTests
{
    private const string KubectlGet =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    [Theory]
    [InlineData(KubectlGet, OutputFormat.Json, OutputTransform.Table, "meta.k8s.io/v1")]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", OutputFormat.Json, OutputTransform.Table, "meta.k8s.io/v1beta1")]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io,application/json", OutputFormat.Json, OutputTransform.None, null)]
    [InlineData("application/json;as=Table;v=v1;g=example.com,application/yaml", OutputFormat.Yaml, OutputTransform.None, null)]
    [InlineData("application/yaml;as=Table;v=v1;g=meta.k8s.io", OutputFormat.Yaml, OutputTransform.Table, "meta.k8s.io/v1")]
    [InlineData("application/json", OutputFormat.Json, OutputTransform.None, null)]
    [InlineData("application/yaml", OutputFormat.Yaml, OutputTransform.None, null)]
    [InlineData("*/*", OutputFormat.Json, OutputTransform.None, null)]
    [InlineData("application/*", OutputFormat.Json, OutputTransform.None, null)]
    [InlineData("", OutputFormat.Json, OutputTransform.None, null)]
    [InlineData(null, OutputFormat.Json, OutputTransform.None, null)]
    [InlineData("application/vnd.kubernetes.protobuf,application/json", OutputFormat.Json, OutputTransform.None, null)]
    [InlineData("application/vnd.kubernetes.protobuf", OutputFormat.Json, OutputTransform.None, null)]
    [InlineData("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io", OutputFormat.Json, OutputTransform.Table, "meta.k8s.io/v1")]
    [InlineData("application/json;q=0.5,application/yaml", OutputFormat.Yaml, OutputTransform.None, null)]
    [InlineData("*/*;q=0.8,application/yaml", OutputFormat.Yaml, OutputTransform.None, null)]
    [InlineData("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json", OutputFormat.Json, OutputTransform.PartialObjectMetadataList, "meta.k8s.io/v1")]
    [InlineData("application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io", OutputFormat.Json, OutputTransform.PartialObjectMetadata, "meta.k8s.io/v1")]
    [InlineData("text/html,application/json", OutputFormat.Json, OutputTransform.None, null)]
    public void Negotiate_PicksFirstServableClause(string? accept, OutputFormat format, OutputTransform transform, string? apiVersion)
    {
        var chosen = AcceptNegotiator.Negotiate(accept);

        Assert.NotNull(chosen);
        Assert.Equal((format, transform, apiVersion), (chosen.Format, chosen.Transform, chosen.TransformApiVersion));
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
