using System.Text;

namespace Skiff.Kubelet.Join;

/// <summary>Writes credential files readable by their owner only, created so before any secret is in them.</summary>
internal static class PrivateFiles
{
    public static void Write(string path, string contents) => Write(path, Encoding.UTF8.GetBytes(contents));

    public static void Write(string path, byte[] contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }

        // A crash mid-write must not leave half a key that a restart would then try to reuse.
        File.Move(temporary, path, overwrite: true);
    }
}
