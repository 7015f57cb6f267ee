using System.Diagnostics;

namespace Skiff.Kubelet.Images;

/// <summary>
/// Imports image archives (OCI layout or <c>docker save</c> tars, optionally gzipped) into containerd's
/// <c>k8s.io</c> namespace, where the CRI plugin sees them, by running Debian's <c>ctr</c> against our socket.
/// </summary>
internal sealed class ImageImporter(string ctrPath, string socket)
{
    /// <summary>The containerd namespace the CRI plugin keeps its images and containers in.</summary>
    public const string CriNamespace = "k8s.io";

    private static readonly string[] _archiveSuffixes = [".tar", ".tar.gz", ".tgz", ".tar.zst", ".tzst"];

    /// <summary>Every archive in <paramref name="dir"/>, in name order (missing directory: none).</summary>
    public static IReadOnlyList<string> ArchivesIn(string dir) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir)
                .Where(f => _archiveSuffixes.Any(s => f.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>Imports and unpacks one archive; returns ctr's report. Throws when ctr fails.</summary>
    public async Task<string> ImportAsync(string archive, CancellationToken ct)
    {
        var start = new ProcessStartInfo(ctrPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--address", socket, "--namespace", CriNamespace, "images", "import", "--no-unpack=false", archive })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ctrPath}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var output = (await stdout.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            throw new ImageImportException(archive, (await stderr.ConfigureAwait(false)).Trim());
        }

        return output;
    }
}
