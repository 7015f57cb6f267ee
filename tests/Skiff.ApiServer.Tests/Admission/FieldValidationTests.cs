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

    [Theory]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1}}""", false)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replica":1}}""", true)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","bogus":1},"spec":{}}""", true)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b","imag":"x"}]}}}}""", true)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"a"},"x",null,[{"imag":1}]]}}}}""", false)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"any":"thing"},"annotations":{"k":"v"}}}""", false)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"1","example.com/gpu":"2"}}}]}}}}""", false)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"selector":null,"template":{"metadata":{"labels":{"a":"b"}},"spec":{"nodeSelector":{"k":"v"},"volumes":[{"name":"v","emptyDir":{}}]}}}}""", false)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"volumes":[{"name":"v","emptyDir":{"bogus":{}}}]}}}}""", true)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"a","env":[{"name":"e","value":"v","vlue":"x"}]}]}}}}""", true)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"n\u0061me":"d"}}""", false)]
    public void EncodingScan_AgreesWithTheWalk(string json, bool expected)
    {
        var deployments = Catalog.Find("apps", "v1", "deployments")!;
        var obj = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(expected, UnknownFieldScan.Any(obj, Skiff.Api.Schema.PatchMetadata.For(deployments.ModelType!)!));
        Assert.Equal(expected, FieldValidation.UnknownFields(obj, deployments).Count > 0);
    }
}
