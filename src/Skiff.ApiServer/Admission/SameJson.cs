using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Admission;

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
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

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
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Registry.Json.WriterOptions);
        try
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            a.WriteTo(writer);
            writer.Flush();
            var split = buffer.WrittenCount;
            writer.Reset(buffer);
            b.WriteTo(writer);
            writer.Flush();
            var written = buffer.WrittenSpan;
            return written.Length == 2 * split && written[..split].SequenceEqual(written[split..]);
        }
        finally
        {
            // A buffer grown by one large object is not kept for the life of the thread.
            if (buffer.Capacity > 1 << 20)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}
