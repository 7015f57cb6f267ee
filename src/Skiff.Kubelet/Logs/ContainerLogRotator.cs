using System.Globalization;
using System.IO.Compression;

namespace Skiff.Kubelet.Logs;

/// <summary>
/// Rotates one container's log as upstream's container log manager does: the live file is renamed to
/// <c>&lt;path&gt;.&lt;yyyyMMdd-HHmmss&gt;</c> and the runtime reopens a fresh one; rotated files older than the newest are
/// gzipped, and the oldest go so that at most <see cref="ContainerLogPolicy.MaxFiles"/> remain, the live one included.
/// </summary>
internal sealed class ContainerLogRotator(ContainerLogPolicy policy, IContainerLogRuntime runtime, TimeProvider time)
{
    public const string TimestampFormat = "yyyyMMdd-HHmmss";

    public const string CompressedSuffix = ".gz";

    private const string TemporarySuffix = ".tmp";

    /// <summary>Rotates the log at <paramref name="logPath"/> when it has reached the maximum size; true when it did.</summary>
    public async Task<bool> RotateIfFullAsync(string containerId, string logPath, CancellationToken ct)
    {
        var live = new FileInfo(logPath);
        if (!live.Exists)
        {
            // A rotation interrupted between the rename and the reopen leaves the runtime writing to the rotated file.
            await runtime.ReopenAsync(containerId, ct).ConfigureAwait(false);
            live.Refresh();
            if (!live.Exists)
            {
                return false;
            }
        }

        if (live.Length < policy.MaxSize)
        {
            return false;
        }

        var rotated = RemoveExcess(RemoveLeftovers(RotatedFiles(logPath)));
        foreach (var file in rotated.Where(f => !f.EndsWith(CompressedSuffix, StringComparison.Ordinal)))
        {
            Compress(file);
        }

        await RotateLiveAsync(containerId, logPath, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Every rotated file of the log at <paramref name="logPath"/>, oldest first (the timestamp sorts as text).</summary>
    public static List<string> RotatedFiles(string logPath)
    {
        var dir = Path.GetDirectoryName(logPath)!;
        if (!Directory.Exists(dir))
        {
            return [];
        }

        // Simple matching: with the default, Windows-style matching "0.log.*" also matches "0.log" itself.
        return Directory.EnumerateFiles(dir, Path.GetFileName(logPath) + ".*", new EnumerationOptions { MatchType = MatchType.Simple })
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Drops what a compression cut short left behind: temporary files, and plain files whose compressed copy was
    /// finished but not yet followed by the plain file's removal.
    /// </summary>
    private static List<string> RemoveLeftovers(List<string> files)
    {
        var kept = new List<string>();
        foreach (var file in files)
        {
            if (file.EndsWith(TemporarySuffix, StringComparison.Ordinal) || files.Contains(file + CompressedSuffix, StringComparer.Ordinal))
            {
                DeleteIfPresent(file);
            }
            else
            {
                kept.Add(file);
            }
        }

        return kept;
    }

    /// <summary>
    /// Keeps the newest MaxFiles - 2 rotated files: the live file and the one about to be rotated fill the other two
    /// places. The oldest go first, so a <c>kubectl logs</c> reading a recent file is not cut off.
    /// </summary>
    private List<string> RemoveExcess(List<string> files)
    {
        var keep = Math.Max(0, policy.MaxFiles - 2);
        var excess = Math.Max(0, files.Count - keep);
        foreach (var file in files.Take(excess))
        {
            DeleteIfPresent(file);
        }

        return files.Skip(excess).ToList();
    }

    /// <summary>Writes <c>&lt;file&gt;.gz</c> through a temporary name, so a half-written archive is never taken for a whole one.</summary>
    private static void Compress(string file)
    {
        var temporary = file + CompressedSuffix + TemporarySuffix;
        try
        {
            using (var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var target = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            using (var gzip = new GZipStream(target, CompressionLevel.Optimal))
            {
                source.CopyTo(gzip);
            }

            File.Move(temporary, file + CompressedSuffix, overwrite: true);
            File.Delete(file);
        }
        finally
        {
            DeleteIfPresent(temporary);
        }
    }

    private async Task RotateLiveAsync(string containerId, string logPath, CancellationToken ct)
    {
        var rotated = $"{logPath}.{time.GetUtcNow().UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)}";
        File.Move(logPath, rotated);
        try
        {
            await runtime.ReopenAsync(containerId, ct).ConfigureAwait(false);
        }
        catch
        {
            // Back under its own name, so the next check tries again; the runtime kept writing to it meanwhile.
            File.Move(rotated, logPath);
            throw;
        }
    }

    private static void DeleteIfPresent(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
