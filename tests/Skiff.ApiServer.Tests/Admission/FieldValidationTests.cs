using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Admission;

namespace Skiff.ApiServer.Tests.Admission;

public sealed class FieldValidationTests
{
    private static readonly ResourceCatalog Catalog = ResourceCatalog.CreateBuiltIn();

    [Theory]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1}}""", "")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replica":1}}""", "spec.replica")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","bogus":1},"spec":{}}""", "metadata.bogus")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b","imag":"x"}]}}}}""", "spec.template.spec.containers[1].imag")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"any":"thing"},"annotations":{"k":"v"}}}""", "")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"1","example.com/gpu":"2"}}}]}}}}""", "")]
    public void UnknownFields_AreFoundWithUpstreamPaths(string json, string expected)
    {
        var deployments = Catalog.Find("apps", "v1", "deployments")!;

        var unknown = FieldValidation.UnknownFields(JsonNode.Parse(json)!.AsObject(), deployments);

        Assert.Equal(expected.Length == 0 ? [] : [expected], unknown);
    }
}
