using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.Kubelet.Images;

/// <summary>
/// Writes a single-image OCI archive (an OCI image layout in a tar) that <c>ctr images import</c> and
/// containerd's import API accept. Output is byte-for-byte reproducible for the same input, so the
/// image digest of the pause image only changes when catatonit does.
/// </summary>
internal static class OciArchiveWriter
{
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    public const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";
    public const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar+gzip";

    private static readonly DateTimeOffset _epoch = DateTimeOffset.UnixEpoch;

    /// <summary>One file of a layer: path inside the image, content, permission bits.</summary>
    public sealed record LayerFile(string Path, byte[] Content, UnixFileMode Mode);

    /// <summary>Returns the archive bytes and the manifest digest (the image's id as a registry names it).</summary>
    public static (byte[] Archive, string ManifestDigest) Write(string imageName, IReadOnlyList<LayerFile> files, JsonObject containerConfig)
    {
        var layerTar = BuildLayer(files);
        var diffId = Digest(layerTar);
        var layerGz = Gzip(layerTar);

        var config = new JsonObject
        {
            ["architecture"] = GoArchitecture(),
            ["os"] = "linux",
            ["config"] = containerConfig,
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(diffId) },
        };
        var configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = Descriptor(ConfigMediaType, configBytes),
            ["layers"] = new JsonArray(Descriptor(LayerMediaType, layerGz)),
        };
        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var manifestDescriptor = Descriptor(ManifestMediaType, manifestBytes);
        manifestDescriptor["platform"] = new JsonObject { ["architecture"] = GoArchitecture(), ["os"] = "linux" };
        manifestDescriptor["annotations"] = new JsonObject
        {
            // containerd names the imported image from this annotation; ref.name is the OCI layout's own tag.
            ["io.containerd.image.name"] = imageName,
            ["org.opencontainers.image.ref.name"] = TagOf(imageName),
        };
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = new JsonArray(manifestDescriptor),
        };

        using var archive = new MemoryStream();
        using (var tar = new TarWriter(archive, TarEntryFormat.Ustar, leaveOpen: true))
        {
            AddDirectory(tar, "blobs/");
            AddDirectory(tar, "blobs/sha256/");
            foreach (var blob in new[] { layerGz, configBytes, manifestBytes })
            {
                AddFile(tar, "blobs/sha256/" + Digest(blob)["sha256:".Length..], blob, (UnixFileMode)0b110_100_100);
            }

            AddFile(tar, "index.json", Encoding.UTF8.GetBytes(index.ToJsonString()), (UnixFileMode)0b110_100_100);
            AddFile(tar, "oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"), (UnixFileMode)0b110_100_100);
        }

        return (archive.ToArray(), Digest(manifestBytes));
    }

    private static byte[] BuildLayer(IReadOnlyList<LayerFile> files)
    {
        using var layer = new MemoryStream();
        using (var tar = new TarWriter(layer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var dirs = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var parts = file.Path.Trim('/').Split('/');
                for (var i = 1; i < parts.Length; i++)
                {
                    dirs.Add(string.Join('/', parts[..i]) + "/");
                }
            }

            foreach (var dir in dirs)
            {
                AddDirectory(tar, dir);
            }

            foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                AddFile(tar, file.Path.Trim('/'), file.Content, file.Mode);
            }
        }

        return layer.ToArray();
    }

    private static void AddDirectory(TarWriter tar, string name) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name)
        {
            Mode = (UnixFileMode)0b111_101_101,
            ModificationTime = _epoch,
        });

    private static void AddFile(TarWriter tar, string name, byte[] content, UnixFileMode mode) =>
        tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = mode,
            ModificationTime = _epoch,
            DataStream = new MemoryStream(content, writable: false),
        });

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static JsonObject Descriptor(string mediaType, byte[] content) => new()
    {
        ["mediaType"] = mediaType,
        ["digest"] = Digest(content),
        ["size"] = content.Length,
    };

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static string TagOf(string imageName)
    {
        var slash = imageName.LastIndexOf('/');
        var colon = imageName.LastIndexOf(':');
        return colon > slash ? imageName[(colon + 1)..] : "latest";
    }

    /// <summary>The architecture name OCI image configs use (Go's GOARCH).</summary>
    public static string GoArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
