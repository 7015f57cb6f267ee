using System.Globalization;
using System.Runtime.InteropServices;

namespace Skiff.Kubelet.Volumes;

/// <summary>
/// Writes a volume's files the way kubelet's AtomicWriter lays them out, so a container never sees half an update:
/// the files live in a timestamped directory <c>..2006_01_02_15_04_05.N</c>, <c>..data</c> is a symlink to it and
/// every top-level name is a symlink through <c>..data</c>. An update writes a new timestamped directory and swaps
/// <c>..data</c> with one rename(2).
/// </summary>
public static partial class AtomicWriter
{
    public const string DataDirName = "..data";

    private const string NewDataDirName = "..data_tmp";

    /// <summary>Writes <paramref name="payload"/> (relative path → file) into <paramref name="targetDir"/>; false when it was already there.</summary>
    public static bool Write(string targetDir, IReadOnlyDictionary<string, FileProjection> payload, TimeProvider time)
    {
        foreach (var path in payload.Keys)
        {
            ValidatePath(path);
        }

        Directory.CreateDirectory(targetDir);
        var dataLink = Path.Combine(targetDir, DataDirName);
        var oldTsName = new FileInfo(dataLink).LinkTarget;
        var oldTsDir = oldTsName is null ? null : Path.Combine(targetDir, oldTsName);
        if (oldTsDir is not null && Directory.Exists(oldTsDir) && Matches(oldTsDir, payload))
        {
            UpdateUserLinks(targetDir, payload);
            return false;
        }

        var tsName = NewTimestampName(targetDir, time);
        var tsDir = Path.Combine(targetDir, tsName);
        Directory.CreateDirectory(tsDir);
        File.SetUnixFileMode(tsDir, (UnixFileMode)0b111_101_101);
        foreach (var (relative, file) in payload)
        {
            var full = Path.Combine(tsDir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, file.Data);
            File.SetUnixFileMode(full, (UnixFileMode)file.Mode);
        }

        var tmpLink = Path.Combine(targetDir, NewDataDirName);
        if (new FileInfo(tmpLink).LinkTarget is not null || File.Exists(tmpLink))
        {
            File.Delete(tmpLink);
        }

        File.CreateSymbolicLink(tmpLink, tsName);
        // rename(2) over the old link is the one atomic step readers can observe.
        if (Rename(tmpLink, dataLink) != 0)
        {
            throw new IOException($"rename {tmpLink} to {dataLink}: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        UpdateUserLinks(targetDir, payload);
        if (oldTsDir is not null && oldTsName != tsName && Directory.Exists(oldTsDir))
        {
            Directory.Delete(oldTsDir, recursive: true);
        }

        return true;
    }

    private static void ValidatePath(string path)
    {
        if (path.Length == 0 || Path.IsPathRooted(path))
        {
            throw new ArgumentException($"invalid path \"{path}\": must be relative", nameof(path));
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                throw new ArgumentException($"invalid path \"{path}\": must not contain '..'", nameof(path));
            }
        }

        if (path.StartsWith("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"invalid path \"{path}\": must not start with '..'", nameof(path));
        }
    }

    private static string NewTimestampName(string targetDir, TimeProvider time)
    {
        var stamp = ".." + time.GetUtcNow().ToString("yyyy'_'MM'_'dd'_'HH'_'mm'_'ss'.'", CultureInfo.InvariantCulture);
        while (true)
        {
            var name = stamp + Random.Shared.Next(0, int.MaxValue).ToString(CultureInfo.InvariantCulture);
            if (!Path.Exists(Path.Combine(targetDir, name)))
            {
                return name;
            }
        }
    }

    private static bool Matches(string tsDir, IReadOnlyDictionary<string, FileProjection> payload)
    {
        var existing = Directory.EnumerateFiles(tsDir, "*", SearchOption.AllDirectories).ToList();
        if (existing.Count != payload.Count)
        {
            return false;
        }

        foreach (var (relative, file) in payload)
        {
            var full = Path.Combine(tsDir, relative);
            if (!File.Exists(full) || (int)File.GetUnixFileMode(full) != file.Mode || !File.ReadAllBytes(full).AsSpan().SequenceEqual(file.Data))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a <c>name → ..data/name</c> link per top-level name and removes links for names no longer there.</summary>
    private static void UpdateUserLinks(string targetDir, IReadOnlyDictionary<string, FileProjection> payload)
    {
        var topLevel = payload.Keys.Select(p => p.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var name in topLevel)
        {
            var link = Path.Combine(targetDir, name);
            if (new FileInfo(link).LinkTarget is null)
            {
                File.CreateSymbolicLink(link, Path.Combine(DataDirName, name));
            }
        }

        foreach (var entry in new DirectoryInfo(targetDir).EnumerateFileSystemInfos())
        {
            if (!entry.Name.StartsWith("..", StringComparison.Ordinal) && entry.LinkTarget is not null && !topLevel.Contains(entry.Name))
            {
                File.Delete(entry.FullName);
            }
        }
    }

    // File.Move refuses a symlink to a directory, and rename(2) is the atomic swap we need anyway.
    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);
}
