using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Skiff.Kubelet.Images;

namespace Skiff.Kubelet.Tests.Images;

public sealed class OciArchiveWriterTests
{
    private static readonly OciArchiveWriter.LayerFile[] _files =
    [
        new("usr/bin/tool", "#!/bin/sh\necho hi\n"u8.ToArray(), (UnixFileMode)0b111_101_101),
    ];

    private static Dictionary<string, byte[]> Entries(byte[] archive)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries[entry.Name] = content.ToArray();
        }

        return entries;
    }

    [Fact]
    public void Write_SameInput_GivesTheSameBytes()
    {
        var config = new JsonObject { ["Entrypoint"] = new JsonArray("/usr/bin/tool") };

        var (first, firstDigest) = OciArchiveWriter.Write("skiff.local/tool:1", _files, config);
        var (second, secondDigest) = OciArchiveWriter.Write("skiff.local/tool:1", _files, config.DeepClone().AsObject());

        Assert.Equal(first, second);
        Assert.Equal(firstDigest, secondDigest);
    }

    [Fact]
    public void Write_IndexNamesTheImageForContainerdAndEveryBlobMatchesItsDigest()
    {
        var (archive, manifestDigest) = OciArchiveWriter.Write("skiff.local/tool:1", _files, new JsonObject());
        var entries = Entries(archive);

        var index = JsonNode.Parse(entries["index.json"])!;
        var descriptor = index["manifests"]![0]!;
        Assert.Equal(manifestDigest, (string?)descriptor["digest"]);
        Assert.Equal("skiff.local/tool:1", (string?)descriptor["annotations"]!["io.containerd.image.name"]);
        Assert.Equal("1", (string?)descriptor["annotations"]!["org.opencontainers.image.ref.name"]);
        Assert.True(entries.ContainsKey("oci-layout"));
        foreach (var (name, content) in entries.Where(e => e.Key.StartsWith("blobs/sha256/", StringComparison.Ordinal) && e.Value.Length > 0))
        {
            Assert.Equal("sha256:" + name["blobs/sha256/".Length..], OciArchiveWriter.Digest(content));
        }
    }

    [Fact]
    public void Write_LayerHoldsTheFilesAndConfigRecordsItsDiffId()
    {
        var (archive, manifestDigest) = OciArchiveWriter.Write("skiff.local/tool:1", _files, new JsonObject { ["User"] = "65535" });
        var entries = Entries(archive);
        var manifest = JsonNode.Parse(entries["blobs/sha256/" + manifestDigest["sha256:".Length..]])!;
        var config = JsonNode.Parse(entries["blobs/sha256/" + ((string)manifest["config"]!["digest"]!)["sha256:".Length..]])!;
        var layerGz = entries["blobs/sha256/" + ((string)manifest["layers"]![0]!["digest"]!)["sha256:".Length..]];

        using var layer = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(layerGz), CompressionMode.Decompress))
        {
            gzip.CopyTo(layer);
        }

        Assert.Equal((string?)config["rootfs"]!["diff_ids"]![0], OciArchiveWriter.Digest(layer.ToArray()));
        Assert.Equal("linux", (string?)config["os"]);
        Assert.Equal("65535", (string?)config["config"]!["User"]);
        var layerEntries = Entries(layer.ToArray());
        Assert.Equal(["usr/", "usr/bin/", "usr/bin/tool"], layerEntries.Keys);
        Assert.Equal(_files[0].Content, layerEntries["usr/bin/tool"]);
    }
}
