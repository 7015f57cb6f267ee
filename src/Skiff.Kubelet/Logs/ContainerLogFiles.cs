namespace Skiff.Kubelet.Logs;

/// <summary>
/// Finds a container's log files in upstream's layout:
/// <c>&lt;root&gt;/&lt;namespace&gt;_&lt;pod&gt;_&lt;uid&gt;/&lt;container&gt;/&lt;restartCount&gt;.log</c>.
/// </summary>
internal static class ContainerLogFiles
{
    /// <summary>The newest restart's file, or with <paramref name="previous"/> the one before it; null when absent.</summary>
    public static string? Find(string root, string ns, string pod, string? uid, string container, bool previous)
    {
        var podDir = uid is { Length: > 0 }
            ? Path.Combine(root, $"{ns}_{pod}_{uid}")
            : Directory.Exists(root)
                ? Directory.EnumerateDirectories(root, $"{ns}_{pod}_*")
                    .Where(d => Path.GetFileName(d).Count(c => c == '_') >= 2)
                    .OrderByDescending(Directory.GetLastWriteTimeUtc)
                    .FirstOrDefault()
                : null;
        if (podDir is null)
        {
            return null;
        }

        var dir = Path.Combine(podDir, container);
        if (!Directory.Exists(dir))
        {
            return null;
        }

        var restarts = Directory.EnumerateFiles(dir, "*.log")
            .Select(f => (File: f, Count: int.TryParse(Path.GetFileNameWithoutExtension(f), out var n) ? n : -1))
            .Where(x => x.Count >= 0)
            .OrderByDescending(x => x.Count)
            .ToList();
        var index = previous ? 1 : 0;
        return restarts.Count > index ? restarts[index].File : null;
    }

    /// <summary>
    /// Removes a removed container's log and every rotated file of it (<c>&lt;path&gt;*</c>, as upstream cleans), so
    /// rotated files never outlive their container.
    /// </summary>
    public static void RemoveAll(string? logPath)
    {
        if (string.IsNullOrEmpty(logPath) || Path.GetDirectoryName(logPath) is not { } dir || !Directory.Exists(dir))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(dir, Path.GetFileName(logPath) + "*", new EnumerationOptions { MatchType = MatchType.Simple }).ToList())
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
