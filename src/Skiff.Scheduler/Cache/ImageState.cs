namespace Skiff.Scheduler.Cache;

/// <summary>An image name with its size and the nodes that have it (ImageLocality spreads by how common it is).</summary>
internal sealed class ImageState(long sizeBytes)
{
    public long SizeBytes { get; set; } = sizeBytes;

    public HashSet<string> Nodes { get; } = new(StringComparer.Ordinal);
}
