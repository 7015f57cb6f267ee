namespace Skiff.Controllers.Deployment;

/// <summary>The 32-bit FNV-1a hash, as Go's hash/fnv New32a.</summary>
internal sealed class Fnv32a
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public uint Value { get; private set; } = OffsetBasis;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var value = Value;
        foreach (var b in bytes)
        {
            value ^= b;
            value *= Prime;
        }

        Value = value;
    }
}
