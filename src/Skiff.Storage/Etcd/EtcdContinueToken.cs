using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Skiff.Storage.Etcd;

/// <summary>Where the next page starts: the snapshot revision and the first key not yet returned.</summary>
internal readonly record struct EtcdContinueToken(long Revision, string StartKey)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Wire(Revision, StartKey))));

    public static EtcdContinueToken Decode(string token, string prefix)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(token));
            if (wire is { Rv: > 0, Start: not null } && wire.Start.StartsWith(prefix, StringComparison.Ordinal))
            {
                return new EtcdContinueToken(wire.Rv, wire.Start);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new StoreException(StoreErrorKind.InvalidContinue, "continue token is not valid: " + e.Message, inner: e);
        }

        throw new StoreException(StoreErrorKind.InvalidContinue, $"continue token is not valid for prefix {prefix}");
    }

    private sealed record Wire(long Rv, string? Start);
}
