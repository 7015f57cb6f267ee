using k8s.Models;
using Skiff.Client.Informers;
using Skiff.Controllers.GarbageCollector;

namespace Skiff.Controllers.Tests.GarbageCollector;

public sealed class MetadataPatchesTests
{
    private static PartialObject Object(params string[] finalizers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "x", Uid = "u1", ResourceVersion = "42", Finalizers = finalizers },
    };

    [Fact]
    public void RemoveFinalizer_TestsUidAndResourceVersionThenReplacesTheRest()
    {
        var patch = MetadataPatches.RemoveFinalizer(Object("a", "orphan", "b"), "orphan");

        Assert.Equal(
            """[{"op":"test","path":"/metadata/uid","value":"u1"},{"op":"test","path":"/metadata/resourceVersion","value":"42"},{"op":"replace","path":"/metadata/finalizers","value":["a","b"]}]""",
            patch);
    }

    [Fact]
    public void RemoveFinalizer_LastOne_RemovesTheField()
    {
        var patch = MetadataPatches.RemoveFinalizer(Object("foregroundDeletion"), "foregroundDeletion");

        Assert.EndsWith("""{"op":"remove","path":"/metadata/finalizers"}]""", patch);
    }

    [Fact]
    public void SetOwnerReferences_ReplacesTheListOrRemovesItWhenEmpty()
    {
        var owner = new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "o", Uid = "o1" };

        var replaced = MetadataPatches.SetOwnerReferences(Object(), [owner]);
        var removed = MetadataPatches.SetOwnerReferences(Object(), []);

        Assert.Contains("""{"op":"replace","path":"/metadata/ownerReferences","value":[{"apiVersion":"v1","kind":"ConfigMap","name":"o","uid":"o1"}]}""", replaced);
        Assert.EndsWith("""{"op":"remove","path":"/metadata/ownerReferences"}]""", removed);
        Assert.StartsWith("""[{"op":"test","path":"/metadata/uid","value":"u1"}""", removed);
    }
}
