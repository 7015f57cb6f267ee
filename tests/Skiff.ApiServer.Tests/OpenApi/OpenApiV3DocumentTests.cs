using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.OpenApi;

public sealed class OpenApiV3DocumentTests : IClassFixture<OpenApiFixture>
{
    private readonly OpenApiFixture _fixture;

    public OpenApiV3DocumentTests(OpenApiFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void Documents_CoverEveryServedGroupVersion()
    {
        var expected = _fixture.Catalog.All
            .Select(r => r.Group.Length == 0 ? $"api/{r.Version}" : $"apis/{r.Group}/{r.Version}")
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, _fixture.V3.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CoreDocument_PodSchema_CarriesGroupVersionKindAndDescription()
    {
        var pod = Schema("api/v1", "io.k8s.api.core.v1.Pod");

        var gvk = Assert.Single(pod["x-kubernetes-group-version-kind"]!.AsArray());
        Assert.Equal("", (string?)gvk!["group"]);
        Assert.Equal("v1", (string?)gvk["version"]);
        Assert.Equal("Pod", (string?)gvk["kind"]);
        Assert.Contains("collection of containers", (string?)pod["description"], StringComparison.Ordinal);
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.PodSpec", (string?)pod["properties"]!["spec"]!["allOf"]![0]!["$ref"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", (string?)pod["properties"]!["metadata"]!["allOf"]![0]!["$ref"]);
    }

    [Fact]
    public void PodSpecContainers_CarryUpstreamPatchMetadata()
    {
        var containers = Schema("api/v1", "io.k8s.api.core.v1.PodSpec")["properties"]!["containers"]!;

        Assert.Equal("array", (string?)containers["type"]);
        Assert.Equal("name", (string?)containers["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)containers["x-kubernetes-patch-strategy"]);
        Assert.Equal("map", (string?)containers["x-kubernetes-list-type"]);
        Assert.Equal(["name"], containers["x-kubernetes-list-map-keys"]!.AsArray().Select(k => (string?)k));
        Assert.Equal("merge,retainKeys", (string?)Schema("api/v1", "io.k8s.api.core.v1.PodSpec")["properties"]!["volumes"]!["x-kubernetes-patch-strategy"]);
    }

    [Fact]
    public void AppsDocument_DeploymentSchema_ReachesContainersThroughCoreTypes()
    {
        var deployment = Schema("apis/apps/v1", "io.k8s.api.apps.v1.Deployment");
        var schemas = _fixture.V3["apis/apps/v1"]["components"]!["schemas"]!.AsObject();

        Assert.Equal("Deployment", (string?)deployment["x-kubernetes-group-version-kind"]![0]!["kind"]);
        Assert.Equal("apps", (string?)deployment["x-kubernetes-group-version-kind"]![0]!["group"]);
        Assert.True(schemas.ContainsKey("io.k8s.api.core.v1.PodTemplateSpec"));
        Assert.Equal("name", (string?)schemas["io.k8s.api.core.v1.Container"]!["properties"]!["env"]!["x-kubernetes-patch-merge-key"]);
        Assert.Contains("containerPort", schemas["io.k8s.api.core.v1.ContainerPort"]!["required"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void ScalarShapes_FollowUpstream()
    {
        var schemas = _fixture.V3["api/v1"]["components"]!["schemas"]!.AsObject();
        var port = schemas["io.k8s.api.core.v1.ContainerPort"]!["properties"]!;
        var meta = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!;

        Assert.Equal("integer", (string?)port["containerPort"]!["type"]);
        Assert.Equal("int32", (string?)port["containerPort"]!["format"]);
        Assert.Equal("date-time", (string?)meta["creationTimestamp"]!["format"]);
        Assert.Equal("object", (string?)meta["labels"]!["type"]);
        Assert.Equal("string", (string?)meta["labels"]!["additionalProperties"]!["type"]);
        Assert.Equal("byte", (string?)schemas["io.k8s.api.core.v1.Secret"]!["properties"]!["data"]!["additionalProperties"]!["format"]);
        Assert.Equal(true, (bool?)schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["x-kubernetes-int-or-string"]);
        Assert.True(schemas.ContainsKey("io.k8s.apimachinery.pkg.api.resource.Quantity"));
    }

    [Fact]
    public void DeploymentPatchOperation_ListsFieldValidationAndPatchBodyTypes()
    {
        var patch = _fixture.V3["apis/apps/v1"]["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;

        Assert.Equal("patch", (string?)patch["x-kubernetes-action"]);
        Assert.Equal("Deployment", (string?)patch["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal("patchAppsV1NamespacedDeployment", (string?)patch["operationId"]);
        var parameters = patch["parameters"]!.AsArray().Select(p => ((string?)p!["name"], (string?)p["in"])).ToList();
        Assert.Contains(("fieldValidation", "query"), parameters);
        Assert.Contains(("dryRun", "query"), parameters);
        Assert.Contains(("fieldManager", "query"), parameters);
        Assert.Equal(
            ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"],
            patch["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
    }

    [Fact]
    public void CollectionPaths_OfferListCreateAndDeleteCollection()
    {
        var paths = _fixture.V3["api/v1"]["paths"]!.AsObject();
        var pods = paths["/api/v1/namespaces/{namespace}/pods"]!;

        Assert.Equal("list", (string?)pods["get"]!["x-kubernetes-action"]);
        Assert.Equal("post", (string?)pods["post"]!["x-kubernetes-action"]);
        Assert.Equal("deletecollection", (string?)pods["delete"]!["x-kubernetes-action"]);
        Assert.Equal("listCoreV1PodForAllNamespaces", (string?)paths["/api/v1/pods"]!["get"]!["operationId"]);
        Assert.Equal("listCoreV1Namespace", (string?)paths["/api/v1/namespaces"]!["get"]!["operationId"]);
        Assert.True(paths.ContainsKey("/api/v1/namespaces/{namespace}/pods/{name}/status"));
    }

    [Fact]
    public void Documents_OnlyReferenceSchemasTheyDefine()
    {
        foreach (var (key, document) in _fixture.V3)
        {
            var schemas = document["components"]!["schemas"]!.AsObject();
            foreach (var reference in References(document))
            {
                Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{key}: {reference}");
            }
        }
    }

    private JsonObject Schema(string document, string name) => _fixture.V3[document]["components"]!["schemas"]![name]!.AsObject();

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p is { Key: "$ref", Value: JsonValue v } ? [(string)v!] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };
}
