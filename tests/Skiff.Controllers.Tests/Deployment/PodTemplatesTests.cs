using k8s.Models;
using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

public sealed class PodTemplatesTests
{
    private static V1PodTemplateSpec Template(string image, Dictionary<string, string>? labels = null) =>
        new()
        {
            Metadata = new V1ObjectMeta { Labels = labels ?? new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
        };

    [Fact]
    public void ComputeHash_IsStableAcrossCopiesAndKeyOrder()
    {
        var a = Template("nginx:1", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" });
        var b = Template("nginx:1", new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" });

        Assert.Equal(PodTemplates.ComputeHash(a, null), PodTemplates.ComputeHash(b, null));
        Assert.Equal(PodTemplates.ComputeHash(a, null), PodTemplates.ComputeHash(ModelCopy.Of(a), null));
    }

    [Fact]
    public void ComputeHash_UsesOnlyTheSafeAlphabet()
    {
        var hash = PodTemplates.ComputeHash(Template("nginx:1"), null);

        Assert.InRange(hash.Length, 1, 10);
        Assert.All(hash, c => Assert.Contains(c, "bcdfghjklmnpqrstvwxz2456789"));
    }

    [Fact]
    public void ComputeHash_ChangesWithTemplateAndWithCollisionCount()
    {
        var template = Template("nginx:1");
        var hashes = new[]
        {
            PodTemplates.ComputeHash(template, null),
            PodTemplates.ComputeHash(Template("nginx:2"), null),
            PodTemplates.ComputeHash(template, 1),
            PodTemplates.ComputeHash(template, 2),
        };

        Assert.Equal(hashes.Length, hashes.Distinct().Count());
    }

    [Fact]
    public void ComputeHash_WithCollisionCountZero_DiffersFromNone()
    {
        // Upstream only feeds the count in when the field is set, so 0 and absent hash differently.
        var template = Template("nginx:1");

        Assert.NotEqual(PodTemplates.ComputeHash(template, null), PodTemplates.ComputeHash(template, 0));
    }

    [Theory]
    [InlineData("0123456789", "456789bcdf")]
    [InlineData("", "")]
    public void SafeEncode_MapsEachByteIntoTheAlphabet(string text, string expected)
    {
        Assert.Equal(expected, PodTemplates.SafeEncode(text));
    }

    [Fact]
    public void EqualIgnoringHash_IgnoresOnlyThePodTemplateHashLabel()
    {
        var plain = Template("nginx:1");
        var hashed = PodTemplates.WithHashLabel(plain, "abc");

        Assert.True(PodTemplates.EqualIgnoringHash(plain, hashed));
        Assert.False(PodTemplates.EqualIgnoringHash(plain, Template("nginx:2")));
        Assert.False(PodTemplates.EqualIgnoringHash(plain, Template("nginx:1", new Dictionary<string, string> { ["app"] = "web", ["x"] = "y" })));
    }

    [Fact]
    public void EqualIgnoringHash_TreatsEmptyAndMissingListsAlike()
    {
        var withEmpty = Template("nginx:1");
        withEmpty.Spec.Volumes = [];

        Assert.True(PodTemplates.EqualIgnoringHash(Template("nginx:1"), withEmpty));
    }
}
