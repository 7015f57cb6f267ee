namespace Skiff.Kubelet.Images;

/// <summary>Reads the registry host out of an image reference the way docker and containerd do.</summary>
public static class ImageReference
{
    public const string DockerHub = "docker.io";

    /// <summary>
    /// The registry an image is pulled from: the first path component when it looks like a host
    /// (has a dot or a port, or is <c>localhost</c>), otherwise Docker Hub.
    /// </summary>
    public static string RegistryOf(string image)
    {
        ArgumentException.ThrowIfNullOrEmpty(image);
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return DockerHub;
        }

        var first = image[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"
            ? first
            : DockerHub;
    }

    /// <summary>True when the reference names a tag or digest; kubelet's default pull policy depends on it.</summary>
    public static bool HasExplicitTagOrDigest(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return true;
        }

        var slash = image.LastIndexOf('/');
        return image.IndexOf(':', slash + 1) >= 0;
    }

    /// <summary>True when the reference is pinned to <c>:latest</c> or carries no tag at all.</summary>
    public static bool IsLatest(string image) =>
        !image.Contains('@', StringComparison.Ordinal) && (!HasExplicitTagOrDigest(image) || image.EndsWith(":latest", StringComparison.Ordinal));
}
