using Google.Protobuf;
using Skiff.ApiServer.OpenApi;
using Skiff.ApiServer.OpenApi.Proto;

namespace Skiff.ApiServer.Tests.OpenApi;

public sealed class SwaggerV2DocumentTests : IClassFixture<OpenApiFixture>
{
    private readonly OpenApiFixture _fixture;

    public SwaggerV2DocumentTests(OpenApiFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void Json_UsesDefinitionsReferencesAndBodyParameters()
    {
        var v2 = _fixture.V2;
        var spec = v2["definitions"]!["io.k8s.api.core.v1.Pod"]!["properties"]!["spec"]!;
        var patch = v2["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;

        Assert.Equal("2.0", (string?)v2["swagger"]);
        Assert.Equal("#/definitions/io.k8s.api.core.v1.PodSpec", (string?)spec["$ref"]);
        Assert.Contains(patch["parameters"]!.AsArray(), p => (string?)p!["in"] == "body" && (string?)p["schema"]!["$ref"] == "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
        Assert.Contains(patch["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldValidation" && (string?)p["type"] == "string");
        Assert.Contains("application/strategic-merge-patch+json", patch["consumes"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("int-or-string", (string?)v2["definitions"]!["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["format"]);
    }

    [Fact]
    public void Protobuf_RoundTripsThroughTheGeneratedParser()
    {
        var bytes = SwaggerProtoConverter.Convert(_fixture.V2).ToByteArray();

        var parsed = Document.Parser.ParseFrom(bytes);

        Assert.Equal("2.0", parsed.Swagger);
        var deployment = parsed.Definitions.AdditionalProperties.Single(d => d.Name == "io.k8s.api.apps.v1.Deployment").Value;
        Assert.Equal(["object"], deployment.Type.Value);
        var gvk = deployment.VendorExtension.Single(e => e.Name == "x-kubernetes-group-version-kind").Value.Yaml;
        Assert.Contains("kind: Deployment", gvk, StringComparison.Ordinal);
        Assert.Contains("group: apps", gvk, StringComparison.Ordinal);
        Assert.Equal("#/definitions/io.k8s.api.apps.v1.DeploymentSpec", deployment.Properties.AdditionalProperties.Single(p => p.Name == "spec").Value.Ref);
    }

    [Fact]
    public void Protobuf_CarriesPatchExtensionsAsYaml()
    {
        var parsed = Document.Parser.ParseFrom(SwaggerProtoConverter.Convert(_fixture.V2).ToByteArray());
        var podSpec = parsed.Definitions.AdditionalProperties.Single(d => d.Name == "io.k8s.api.core.v1.PodSpec").Value;

        var containers = podSpec.Properties.AdditionalProperties.Single(p => p.Name == "containers").Value;

        Assert.Equal(["array"], containers.Type.Value);
        Assert.Equal("#/definitions/io.k8s.api.core.v1.Container", containers.Items.Schema.Single().Ref);
        var extensions = containers.VendorExtension.ToDictionary(e => e.Name, e => e.Value.Yaml.Trim());
        Assert.Equal("\"name\"", extensions["x-kubernetes-patch-merge-key"]);
        Assert.Equal("\"merge\"", extensions["x-kubernetes-patch-strategy"]);
    }

    [Fact]
    public void Protobuf_PatchOperation_HasQueryParameterFieldValidation()
    {
        var parsed = Document.Parser.ParseFrom(SwaggerProtoConverter.Convert(_fixture.V2).ToByteArray());
        var item = parsed.Paths.Path.Single(p => p.Name == "/apis/apps/v1/namespaces/{namespace}/deployments/{name}").Value;

        var names = item.Patch.Parameters
            .Where(p => p.Parameter.NonBodyParameter?.QueryParameterSubSchema is not null)
            .Select(p => p.Parameter.NonBodyParameter.QueryParameterSubSchema.Name);

        Assert.Contains("fieldValidation", names);
        Assert.Equal("body", item.Patch.Parameters.First().Parameter.BodyParameter.Name);
        Assert.Contains(item.Patch.VendorExtension, e => e.Name == "x-kubernetes-action" && e.Value.Yaml.Contains("patch", StringComparison.Ordinal));
        Assert.Equal("200", item.Patch.Responses.ResponseCode.First().Name);
    }
}
