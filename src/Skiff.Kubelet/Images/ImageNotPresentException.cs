namespace Skiff.Kubelet.Images;

/// <summary>imagePullPolicy Never and the image is not on the node (kubelet's ErrImageNeverPull).</summary>
public sealed class ImageNotPresentException(string image)
    : Exception($"Container image \"{image}\" is not present with pull policy of Never")
{
    public string Image { get; } = image;
}
