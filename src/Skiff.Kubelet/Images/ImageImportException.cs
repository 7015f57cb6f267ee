namespace Skiff.Kubelet.Images;

/// <summary>An image archive could not be imported into containerd.</summary>
public sealed class ImageImportException(string archive, string reason)
    : Exception($"importing image archive {archive} failed: {reason}")
{
    public string Archive { get; } = archive;
}
