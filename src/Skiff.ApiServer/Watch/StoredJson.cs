using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Skiff.ApiServer.Watch;

/// <summary>
/// Turns a stored object's bytes into what watchers receive without a document: the server stores compact JSON with
/// no metadata.resourceVersion, and reading it back adds the revision as metadata's last member, so splicing
/// <c>"resourceVersion":"N"</c> before metadata's closing brace gives the same bytes as decoding and encoding again.
/// Every stored write (each Lease renewal, pod status, event) goes through here.
/// </summary>
public static class StoredJson
{
    /// <summary>
    /// False when the bytes are not in the server's own stored shape (no metadata object, or one that already has a
    /// resourceVersion); the caller then decodes and encodes them.
    /// </summary>
    public static bool TryAddResourceVersion(ReadOnlySpan<byte> stored, long revision, out byte[] json, out string ns)
    {
        json = [];
        if (!TryFindSlot(stored, out var at, out var comma, out ns))
        {
            return false;
        }

        Span<byte> member = stackalloc byte[64];
        member = Member(member, revision, comma);
        json = new byte[stored.Length + member.Length];
        stored[..at].CopyTo(json);
        member.CopyTo(json.AsSpan(at));
        stored[at..].CopyTo(json.AsSpan(at + member.Length));
        return true;
    }

    /// <summary>
    /// As <see cref="TryAddResourceVersion"/>, writing the result to <paramref name="output"/> (a response body) rather
    /// than to an array of its own; nothing is written when it returns false.
    /// </summary>
    public static bool TryWriteWithResourceVersion(ReadOnlySpan<byte> stored, long revision, IBufferWriter<byte> output)
    {
        if (!TryFindSlot(stored, out var at, out var comma, out _))
        {
            return false;
        }

        Span<byte> member = stackalloc byte[64];
        output.Write(stored[..at]);
        output.Write(Member(member, revision, comma));
        output.Write(stored[at..]);
        return true;
    }

    /// <summary>Where metadata's closing brace is, whether metadata has members before it, and the namespace.</summary>
    private static bool TryFindSlot(ReadOnlySpan<byte> stored, out int at, out bool comma, out string ns)
    {
        at = 0;
        comma = false;
        ns = string.Empty;
        var reader = new Utf8JsonReader(stored);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            if (!reader.Read())
            {
                return false;
            }

            if (!isMetadata)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var members = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                members++;
                if (reader.ValueTextEquals("resourceVersion"u8))
                {
                    return false;
                }

                var isNamespace = reader.ValueTextEquals("namespace"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isNamespace && reader.TokenType == JsonTokenType.String)
                {
                    ns = reader.GetString() ?? string.Empty;
                }

                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            at = (int)reader.TokenStartIndex;
            comma = members > 0;
            return true;
        }

        return false;
    }

    private static Span<byte> Member(Span<byte> member, long revision, bool comma)
    {
        var length = 0;
        if (comma)
        {
            member[length++] = (byte)',';
        }

        "\"resourceVersion\":\""u8.CopyTo(member[length..]);
        length += "\"resourceVersion\":\""u8.Length;
        revision.TryFormat(member[length..], out var digits, default, CultureInfo.InvariantCulture);
        length += digits;
        member[length++] = (byte)'"';
        return member[..length];
    }
}
