using System.Diagnostics;
using System.Globalization;

namespace Skiff.Kubelet.Volumes;

/// <summary>hostPath's type checks with upstream's messages; the *OrCreate types create what is missing.</summary>
public static class HostPathTypeChecker
{
    private const uint FileTypeMask = 0xF000;
    private const uint RegularFile = 0x8000;
    private const uint Socket = 0xC000;
    private const uint CharDevice = 0x2000;
    private const uint BlockDevice = 0x6000;

    /// <summary>Returns null when <paramref name="path"/> satisfies <paramref name="type"/>, otherwise the error upstream reports.</summary>
    public static string? Check(string path, string? type)
    {
        switch (type ?? string.Empty)
        {
            case "":
                return null;
            case "DirectoryOrCreate":
                if (!Path.Exists(path))
                {
                    Directory.CreateDirectory(path);
                    File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
                    return null;
                }

                return Directory.Exists(path) ? null : $"hostPath type check failed: {path} is not a directory";
            case "Directory":
                return Directory.Exists(path) ? null : $"hostPath type check failed: {path} is not a directory";
            case "FileOrCreate":
                if (!Path.Exists(path))
                {
                    using (File.Open(path, FileMode.CreateNew, FileAccess.ReadWrite))
                    {
                    }

                    File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
                    return null;
                }

                return IsRegularFile(path) ? null : $"hostPath type check failed: {path} is not a file";
            case "File":
                return IsRegularFile(path) ? null : $"hostPath type check failed: {path} is not a file";
            case "Socket":
                return FileType(path) == Socket ? null : $"hostPath type check failed: {path} is not a socket file";
            case "CharDevice":
                return FileType(path) == CharDevice ? null : $"hostPath type check failed: {path} is not a character device";
            case "BlockDevice":
                return FileType(path) == BlockDevice ? null : $"hostPath type check failed: {path} is not a block device";
            default:
                return $"{type} is an invalid volume type";
        }
    }

    private static bool IsRegularFile(string path) => FileType(path) == RegularFile;

    private static uint? FileType(string path)
    {
        var mode = StatMode(path);
        return mode is { } m ? m & FileTypeMask : null;
    }

    /// <summary>
    /// st_mode from stat(1): .NET reports sockets and devices as plain files, and reading struct stat ourselves would
    /// need its layout per architecture. Only the typed checks pay for the process.
    /// </summary>
    private static uint? StatMode(string path)
    {
        if (!Path.Exists(path))
        {
            return null;
        }

        var start = new ProcessStartInfo("stat", ["-L", "-c", "%f", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 && uint.TryParse(output, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mode) ? mode : null;
    }
}
