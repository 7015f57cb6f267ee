using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;

namespace Skiff.Client.Tests.Cache;

public sealed class ObjectCacheTests
{
    [Fact]
    public void Index_FollowsUpdatesAndDeletes()
    {
        var cache = new ObjectCache<V1Pod>();
        cache.AddIndex("node", p => p.Spec?.NodeName is { } n ? [n] : []);
        cache.Upsert(Pod("a", "n1"));
        cache.Upsert(Pod("b", "n1"));

        cache.Upsert(Pod("a", "n2"));
        cache.Delete(new ObjectKey("default", "b"));

        Assert.Empty(cache.ByIndex("node", "n1"));
        Assert.Equal("a", Assert.Single(cache.ByIndex("node", "n2")).Metadata.Name);
        Assert.Single(cache.List("default"));
    }

    [Fact]
    public void Replace_ReturnsObjectsThatDisappeared()
    {
        var cache = new ObjectCache<V1Pod>();
        cache.Upsert(Pod("a", "n1"));
        cache.Upsert(Pod("b", "n1"));

        var gone = cache.Replace([Pod("b", "n1"), Pod("c", "n1")]);

        Assert.Equal("a", Assert.Single(gone).Metadata.Name);
        Assert.Equal(["b", "c"], cache.List().Select(p => p.Metadata.Name).Order());
    }

    private static V1Pod Pod(string name, string node) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" }, Spec = new V1PodSpec { NodeName = node } };
}
