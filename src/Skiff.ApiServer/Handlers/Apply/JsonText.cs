using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>Compares JSON values by their serialized text before comparing them node by node.</summary>
internal static class JsonText
{
    private const int MaxKeptBytes = 1 << 18;

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Left, ArrayBufferWriter<byte> Right, Utf8JsonWriter Writer)? t_buffers;

    /// <summary>
    /// <see cref="JsonNode.DeepEquals"/>, deciding the common case of equal text without it: a write's managedFields
    /// are most often the stored ones, read from storage and not yet turned into nodes, and a node-by-node comparison
    /// builds every node of both (a pod's field sets are a hundred objects) where writing their text builds none.
    /// </summary>
    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        var (leftText, rightText, writer) = t_buffers ??= (new ArrayBufferWriter<byte>(), new ArrayBufferWriter<byte>(), new Utf8JsonWriter(Stream.Null));
        Write(left, leftText, writer);
        Write(right, rightText, writer);
        var same = leftText.WrittenSpan.SequenceEqual(rightText.WrittenSpan);
        if (leftText.Capacity + rightText.Capacity > MaxKeptBytes)
        {
            // An unusually large object's text is not worth keeping for the next write on this thread.
            t_buffers = null;
        }

        return same || JsonNode.DeepEquals(left, right);
    }

    private static void Write(JsonNode node, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        node.WriteTo(writer);
        writer.Flush();
    }
}
