using System.Text.Json.Nodes;

namespace Skiff.Kubelet.Images;

/// <summary>
/// The sandbox ("pause") image, built from Debian's static catatonit instead of pulled: catatonit in
/// pause mode (<c>-P</c>) sleeps forever, reaps zombies and exits on SIGTERM/SIGINT, which is all a
/// sandbox's first process has to do.
/// </summary>
internal static class PauseImage
{
    public const string DefaultName = "skiff.local/pause:3.10";

    /// <summary>
    /// Writes the archive to <paramref name="archivePath"/> unless it already holds the same bytes;
    /// returns the image's manifest digest.
    /// </summary>
    public static string WriteArchive(string catatonitPath, string imageName, string archivePath)
    {
        var files = new[]
        {
            new OciArchiveWriter.LayerFile("usr/bin/catatonit", File.ReadAllBytes(catatonitPath), (UnixFileMode)0b111_101_101),
        };
        var config = new JsonObject
        {
            ["Entrypoint"] = new JsonArray("/usr/bin/catatonit", "-P"),
            // Upstream's pause image runs as nobody-like 65535 too; the sandbox needs no privileges.
            ["User"] = "65535:65535",
            ["WorkingDir"] = "/",
        };
        var (archive, digest) = OciArchiveWriter.Write(imageName, files, config);
        if (!File.Exists(archivePath) || !File.ReadAllBytes(archivePath).AsSpan().SequenceEqual(archive))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
            var temp = archivePath + ".tmp";
            File.WriteAllBytes(temp, archive);
            File.Move(temp, archivePath, overwrite: true);
        }

        return digest;
    }
}
