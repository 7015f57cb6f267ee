using k8s.Models;

namespace Skiff.Kubelet.Volumes;

/// <summary>Maps ConfigMap or Secret data to volume files: every key under its own name, or only the listed items with their paths and modes.</summary>
public static class KeyToPathProjector
{
    /// <summary>Upstream's default file mode for configMap, secret, downwardAPI and projected volumes (0644).</summary>
    public const int DefaultMode = 420;

    /// <param name="missingKey">The error message for an item whose key is not in <paramref name="data"/>.</param>
    public static Dictionary<string, FileProjection> Project(
        IReadOnlyDictionary<string, byte[]> data, IList<V1KeyToPath>? items, int defaultMode, bool optional, Func<string, string> missingKey)
    {
        var files = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        if (items is null || items.Count == 0)
        {
            foreach (var (key, value) in data)
            {
                files[key] = new FileProjection(value, defaultMode);
            }

            return files;
        }

        foreach (var item in items)
        {
            if (!data.TryGetValue(item.Key, out var value))
            {
                if (optional)
                {
                    continue;
                }

                throw new VolumeSetupException("FailedMount", missingKey(item.Key));
            }

            files[item.Path] = new FileProjection(value, item.Mode ?? defaultMode);
        }

        return files;
    }

    /// <summary>A ConfigMap's data and binaryData as bytes (a key is in one or the other, validation ensures).</summary>
    public static Dictionary<string, byte[]> Data(V1ConfigMap configMap)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
        {
            data[key] = System.Text.Encoding.UTF8.GetBytes(value ?? string.Empty);
        }

        foreach (var (key, value) in configMap.BinaryData ?? new Dictionary<string, byte[]>())
        {
            data[key] = value ?? [];
        }

        return data;
    }

    public static Dictionary<string, byte[]> Data(V1Secret secret)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            data[key] = value ?? [];
        }

        // stringData is write-only upstream; a client-side object may still carry it.
        foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
        {
            data[key] = System.Text.Encoding.UTF8.GetBytes(value ?? string.Empty);
        }

        return data;
    }
}
