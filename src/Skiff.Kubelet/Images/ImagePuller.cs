using Grpc.Core;
using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Images;

/// <summary>Image presence checks and pulls over the CRI ImageService.</summary>
public sealed class ImagePuller(CriConnection cri)
{
    /// <summary>The image as the runtime has it, or null when absent.</summary>
    public async Task<Image?> StatusAsync(string image, CancellationToken ct)
    {
        var response = await cri.Images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = image } }, cancellationToken: ct).ConfigureAwait(false);
        return response.Image;
    }

    /// <summary>
    /// Pulls <paramref name="image"/>, trying each credential in order and then none, as kubelet does with
    /// imagePullSecrets; returns the image ref (its id). The last failure propagates as an RpcException.
    /// </summary>
    public async Task<string> PullAsync(string image, IReadOnlyList<AuthConfig> credentials, PodSandboxConfig? sandbox, CancellationToken ct)
    {
        RpcException? last = null;
        foreach (var auth in credentials.Append(null))
        {
            var request = new PullImageRequest { Image = new ImageSpec { Image = image }, SandboxConfig = sandbox };
            if (auth is not null)
            {
                request.Auth = auth;
            }

            try
            {
                var response = await cri.Images.PullImageAsync(request, cancellationToken: ct).ConfigureAwait(false);
                return response.ImageRef;
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
            {
                last = e;
            }
        }

        throw last!;
    }

    /// <summary>
    /// Makes sure the image is present under the pod's policy (<c>Always</c>, <c>IfNotPresent</c>, <c>Never</c>;
    /// empty means upstream's default: Always for <c>:latest</c> or untagged, otherwise IfNotPresent).
    /// Returns the image ref, or throws <see cref="ImageNotPresentException"/> for Never with no image.
    /// </summary>
    public async Task<string> EnsureAsync(string image, string? pullPolicy, IReadOnlyList<AuthConfig> credentials, PodSandboxConfig? sandbox, CancellationToken ct)
    {
        var policy = string.IsNullOrEmpty(pullPolicy)
            ? (ImageReference.IsLatest(image) ? "Always" : "IfNotPresent")
            : pullPolicy;
        if (policy != "Always")
        {
            var present = await StatusAsync(image, ct).ConfigureAwait(false);
            if (present is not null)
            {
                return present.Id;
            }

            if (policy == "Never")
            {
                throw new ImageNotPresentException(image);
            }
        }

        return await PullAsync(image, credentials, sandbox, ct).ConfigureAwait(false);
    }
}
