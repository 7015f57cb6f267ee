using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// <see cref="JsonNode.DeepEquals"/> with a cheap first try: two subtrees that encode to the same bytes are equal.
/// </summary>
/// <remarks>
/// DeepEquals builds every node of both sides, and a stored object's subtree is still unbuilt JSON until something
/// reads it: comparing a pod's spec with the stored one on every status write built both specs whole. Encoding an
/// unbuilt subtree copies its JSON without building it. Different bytes can still be equal (member order, number
/// spelling), so only a match is trusted and anything else asks DeepEquals.
/// </remarks>
internal static class SameJson
{
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        return EncodeSame(a, b) || JsonNode.DeepEquals(a, b);
    }

    private static bool EncodeSame(JsonNode a, JsonNode b)
    {
        var buffer = ScratchJson.Start();
        ScratchJson.Append(buffer, a);
        var split = buffer.WrittenCount;
        ScratchJson.Append(buffer, b);
        var written = buffer.WrittenSpan;
        return written.Length == 2 * split && written[..split].SequenceEqual(written[split..]);
    }
}
