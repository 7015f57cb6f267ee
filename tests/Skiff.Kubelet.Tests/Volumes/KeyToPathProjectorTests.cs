using System.Text;
using k8s.Models;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Tests.Volumes;

public sealed class KeyToPathProjectorTests
{
    private static readonly Dictionary<string, byte[]> Data = new()
    {
        ["one"] = Encoding.UTF8.GetBytes("1"),
        ["two"] = Encoding.UTF8.GetBytes("2"),
    };

    [Fact]
    public void Project_NoItems_EveryKeyWithDefaultMode()
    {
        var files = KeyToPathProjector.Project(Data, null, 256, optional: false, k => k);

        Assert.Equal(["one", "two"], files.Keys.Order());
        Assert.All(files.Values, f => Assert.Equal(256, f.Mode));
    }

    [Fact]
    public void Project_Items_OnlyListedKeysAtTheirPathsAndModes()
    {
        var files = KeyToPathProjector.Project(Data, [new V1KeyToPath { Key = "two", Path = "dir/second", Mode = 384 }], 420, optional: false, k => k);

        var file = Assert.Single(files);
        Assert.Equal("dir/second", file.Key);
        Assert.Equal(384, file.Value.Mode);
        Assert.Equal("2", Encoding.UTF8.GetString(file.Value.Data));
    }

    [Fact]
    public void Project_MissingKey_FailsMountWithMessage()
    {
        var e = Assert.Throws<VolumeSetupException>(() => KeyToPathProjector.Project(Data, [new V1KeyToPath { Key = "three", Path = "x" }], 420, optional: false,
            k => $"configmap references non-existent config key: {k}"));

        Assert.Equal("FailedMount", e.Reason);
        Assert.Equal("configmap references non-existent config key: three", e.Message);
    }

    [Fact]
    public void Project_MissingKeyOptional_IsSkipped()
    {
        var files = KeyToPathProjector.Project(Data, [new V1KeyToPath { Key = "three", Path = "x" }, new V1KeyToPath { Key = "one", Path = "y" }], 420, optional: true, k => k);

        Assert.Equal(["y"], files.Keys);
    }

    [Fact]
    public void Data_ConfigMap_MergesDataAndBinaryData()
    {
        var data = KeyToPathProjector.Data(new V1ConfigMap { Data = new Dictionary<string, string> { ["t"] = "text" }, BinaryData = new Dictionary<string, byte[]> { ["b"] = [1, 2] } });

        Assert.Equal("text", Encoding.UTF8.GetString(data["t"]));
        Assert.Equal([1, 2], data["b"]);
    }
}
