namespace Skiff.Bench.Controllers;

/// <summary>Managed heap growth of a pod informer holding <paramref name="Pods"/> pods.</summary>
internal sealed record InformerResult(int Pods, long HeapBytes, TimeSpan Fill, TimeSpan Sync)
{
    public double BytesPerPod => Pods > 0 ? (double)HeapBytes / Pods : 0;

    public double MiBPer10k => BytesPerPod * 10_000 / (1024 * 1024);
}
