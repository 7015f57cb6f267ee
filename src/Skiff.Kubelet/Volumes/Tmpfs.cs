using System.Diagnostics;
using System.Globalization;

namespace Skiff.Kubelet.Volumes;

/// <summary>tmpfs mounts for memory-backed emptyDirs and secret volumes, through mount(8) and umount(8).</summary>
public static class Tmpfs
{
    /// <summary>Mounts a tmpfs at <paramref name="path"/> unless one is there already; size null means the kernel's default (half the RAM).</summary>
    public static async Task MountAsync(string path, long? sizeBytes, CancellationToken ct)
    {
        if (IsMountPoint(path))
        {
            return;
        }

        var options = sizeBytes is { } size ? "size=" + size.ToString(CultureInfo.InvariantCulture) : "defaults";
        await RunAsync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", path], ct).ConfigureAwait(false);
    }

    public static async Task UnmountAsync(string path, CancellationToken ct)
    {
        if (IsMountPoint(path))
        {
            await RunAsync("umount", [path], ct).ConfigureAwait(false);
        }
    }

    /// <summary>Every mount point at or under <paramref name="root"/>, deepest first (from /proc/self/mountinfo).</summary>
    public static IReadOnlyList<string> MountPointsUnder(string root)
    {
        var full = Path.GetFullPath(root).TrimEnd('/');
        return File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => Unescape(line.Split(' ')[4]))
            .Where(p => p == full || p.StartsWith(full + "/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(p => p.Length)
            .ToList();
    }

    public static bool IsMountPoint(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        return File.ReadAllLines("/proc/self/mountinfo").Any(line => Unescape(line.Split(' ')[4]) == full);
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as octal.</summary>
    private static string Unescape(string field) => field
        .Replace("\\040", " ", StringComparison.Ordinal)
        .Replace("\\011", "\t", StringComparison.Ordinal)
        .Replace("\\012", "\n", StringComparison.Ordinal)
        .Replace("\\134", "\\", StringComparison.Ordinal);

    private static async Task RunAsync(string file, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new IOException($"cannot start {file}");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new IOException($"{file} {string.Join(' ', args)} failed: {(await stderr.ConfigureAwait(false)).Trim()}");
        }
    }
}
