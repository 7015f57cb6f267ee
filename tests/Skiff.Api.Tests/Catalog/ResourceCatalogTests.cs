using Skiff.Api.Catalog;

namespace Skiff.Api.Tests.Catalog;

public sealed class ResourceCatalogTests
{
    [Fact]
    public void Groups_ListBuiltInGroupsInUpstreamOrder()
    {
        var names = ResourceCatalog.CreateBuiltIn().Groups().Select(g => g.Name).Take(6);

        Assert.Equal(["apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "autoscaling"], names);
    }

    [Theory]
    [InlineData("autoscaling", "v2")]
    [InlineData("apps", "v1")]
    [InlineData("", "v1")]
    [InlineData("example.com", null)]
    public void PreferredVersion_IsUpstreams(string group, string? expected)
    {
        Assert.Equal(expected, ResourceCatalog.CreateBuiltIn().PreferredVersion(group));
    }

    [Fact]
    public void Groups_ListAutoscalingVersionsPreferredFirst()
    {
        var autoscaling = ResourceCatalog.CreateBuiltIn().Groups().Single(g => g.Name == "autoscaling");

        Assert.Equal(["v2", "v1"], autoscaling.Versions);
    }

    [Fact]
    public void Groups_PutCustomGroupsAfterBuiltInsWithKubeAwareVersionOrder()
    {
        var catalog = ResourceCatalog.CreateBuiltIn();
        foreach (var version in new[] { "v1alpha1", "v2beta1", "v1", "v1beta2", "foo" })
        {
            catalog.AddOrReplace(new ResourceInfo { Group = "a.example.com", Version = version, Resource = "widgets", Kind = "Widget", SingularName = "widget", Namespaced = true });
        }

        var groups = catalog.Groups();

        Assert.Equal("a.example.com", groups[^1].Name);
        Assert.Equal(["v1", "v2beta1", "v1beta2", "v1alpha1", "foo"], groups[^1].Versions);
    }

    [Theory]
    [InlineData("po", null, "", "v1", "pods")]
    [InlineData("Pods", null, "", "v1", "pods")]
    [InlineData("POD", null, "", "v1", "pods")]
    [InlineData("deploy", null, "apps", "v1", "deployments")]
    [InlineData("Deployment", null, "apps", "v1", "deployments")]
    [InlineData("ev", null, "", "v1", "events")]
    [InlineData("events", "events.k8s.io", "events.k8s.io", "v1", "events")]
    [InlineData("hpa", null, "autoscaling", "v2", "horizontalpodautoscalers")]
    [InlineData("crds", null, "apiextensions.k8s.io", "v1", "customresourcedefinitions")]
    [InlineData("netpol", null, "networking.k8s.io", "v1", "networkpolicies")]
    public void Resolve_FindsResourcesTheWayKubectlNamesThem(string name, string? group, string expectedGroup, string expectedVersion, string expectedResource)
    {
        var info = ResourceCatalog.CreateBuiltIn().Resolve(name, group);

        Assert.NotNull(info);
        Assert.Equal((expectedGroup, expectedVersion, expectedResource), (info.Group, info.Version, info.Resource));
    }

    [Theory]
    [InlineData("widgets")]
    [InlineData("po", "apps")]
    public void Resolve_ReturnsNullForUnknownNames(string name, string? group = null)
    {
        Assert.Null(ResourceCatalog.CreateBuiltIn().Resolve(name, group));
    }

    [Theory]
    [InlineData("cs", "componentstatuses")]
    [InlineData("SVC", "services")]
    [InlineData("hpa", "horizontalpodautoscalers")]
    public void FindByShortName_IgnoresCase(string shortName, string resource)
    {
        Assert.Equal(resource, ResourceCatalog.CreateBuiltIn().FindByShortName(shortName)?.Resource);
    }

    [Fact]
    public void Find_IsCaseSensitiveLikeUpstreamPaths()
    {
        var catalog = ResourceCatalog.CreateBuiltIn();

        Assert.NotNull(catalog.Find("", "v1", "pods"));
        Assert.Null(catalog.Find("", "v1", "Pods"));
    }

    [Fact]
    public void InGroupVersion_ListsOnlyThatGroupVersion()
    {
        var resources = ResourceCatalog.CreateBuiltIn().InGroupVersion("batch", "v1").Select(r => r.Resource);

        Assert.Equal(["cronjobs", "jobs"], resources);
    }

    [Fact]
    public void InCategory_All_ListsWorkloadsAtPreferredVersions()
    {
        var all = ResourceCatalog.CreateBuiltIn().InCategory("all").Select(r => r.GroupVersion + "/" + r.Resource);

        Assert.Equal(
            [
                "v1/pods", "v1/replicationcontrollers", "v1/services",
                "apps/v1/daemonsets", "apps/v1/deployments", "apps/v1/replicasets", "apps/v1/statefulsets",
                "autoscaling/v2/horizontalpodautoscalers", "batch/v1/cronjobs", "batch/v1/jobs",
            ],
            all);
    }

    [Fact]
    public void AddAndRemove_RaiseChangedAndBumpGeneration()
    {
        var catalog = ResourceCatalog.CreateBuiltIn();
        var changes = 0;
        catalog.Changed += () => changes++;

        catalog.AddOrReplace(new ResourceInfo { Group = "example.com", Version = "v1", Resource = "widgets", Kind = "Widget", SingularName = "widget", Namespaced = true });
        catalog.Remove("example.com", "widgets");

        Assert.Equal(2, changes);
        Assert.Equal(2, catalog.Generation);
        Assert.Null(catalog.PreferredVersion("example.com"));
    }
}
