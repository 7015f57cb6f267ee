using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// A per-thread buffer that JSON nodes are encoded into for comparing or hashing them. Encoding a subtree of a parsed
/// document that nothing has read yet copies its JSON without building its nodes.
/// </summary>
internal static class ScratchJson
{
    private const int KeepAtMost = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Empties this thread's buffer; what <see cref="Append"/> writes after stays valid until the next call.</summary>
    public static ArrayBufferWriter<byte> Start()
    {
        var buffer = t_buffer;
        if (buffer is null || buffer.Capacity > KeepAtMost)
        {
            // A buffer grown by one large object is not kept for the life of the thread.
            buffer = t_buffer = new ArrayBufferWriter<byte>(4096);
            t_writer = null;
        }

        buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>Appends the encoding of <paramref name="node"/> to the buffer <see cref="Start"/> returned.</summary>
    public static void Append(ArrayBufferWriter<byte> buffer, JsonNode node)
    {
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Json.WriterOptions);
        writer.Reset(buffer);
        node.WriteTo(writer);
        writer.Flush();
    }
}
