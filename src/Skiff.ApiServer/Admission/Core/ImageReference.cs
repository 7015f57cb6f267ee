namespace Skiff.ApiServer.Admission.Core;

/// <summary>The tag of an image reference as upstream's defaulting reads it: "latest" when neither tag nor digest is given.</summary>
internal static class ImageReference
{
    public static string Tag(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var withoutDigest = at >= 0 ? image[..at] : image;

        // A colon after the last slash separates the tag; one before it belongs to a registry host:port.
        var slash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        if (colon > slash)
        {
            return withoutDigest[(colon + 1)..];
        }

        return at >= 0 ? string.Empty : "latest";
    }
}
