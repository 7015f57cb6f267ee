using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.Storage;

namespace Skiff.ApiServer.Admission.Services;

/// <summary>
/// A set of taken offsets kept as one bitmap in the store (upstream's RangeAllocation: the range and a base64
/// bitmap). Every change is a compare-and-swap on that one key, so concurrent servers and requests never hand
/// out one value twice, and the state survives restarts.
/// </summary>
public sealed class BitmapAllocator
{
    private readonly IStore _store;
    private readonly string _key;
    private readonly string _range;
    private readonly int _size;
    private readonly int _firstDynamic;

    /// <param name="firstDynamic">Offsets below this are handed out only when asked for by value.</param>
    public BitmapAllocator(IStore store, string key, string range, int size, int firstDynamic = 0)
    {
        _store = store;
        _key = key;
        _range = range;
        _size = size;
        _firstDynamic = firstDynamic;
    }

    public int Size => _size;

    /// <summary>Takes <paramref name="offset"/>; false when it is already taken.</summary>
    public async Task<bool> TryAllocateAsync(int offset, bool dryRun, CancellationToken ct)
    {
        if (dryRun)
        {
            return !IsSet(await ReadAsync(ct).ConfigureAwait(false), offset);
        }

        var taken = false;
        await _store.GuaranteedUpdateAsync(_key, current =>
        {
            var bits = Decode(current);
            taken = IsSet(bits, offset);
            if (taken)
            {
                return null;
            }

            Set(bits, offset, true);
            return Encode(bits);
        }, ct).ConfigureAwait(false);
        return !taken;
    }

    /// <summary>Takes a free offset, starting the search at a random place as upstream does.</summary>
    /// <exception cref="RangeFullException">Nothing is free.</exception>
    public async Task<int> AllocateNextAsync(bool dryRun, CancellationToken ct)
    {
        var start = Random.Shared.Next(_firstDynamic, Math.Max(_firstDynamic + 1, _size));
        if (dryRun)
        {
            return FindFree(await ReadAsync(ct).ConfigureAwait(false), start) ?? throw new RangeFullException();
        }

        var chosen = -1;
        await _store.GuaranteedUpdateAsync(_key, current =>
        {
            var bits = Decode(current);
            chosen = FindFree(bits, start) ?? throw new RangeFullException();
            Set(bits, chosen, true);
            return Encode(bits);
        }, ct).ConfigureAwait(false);
        return chosen;
    }

    public async Task ReleaseAsync(IReadOnlyCollection<int> offsets, CancellationToken ct)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        await _store.GuaranteedUpdateAsync(_key, current =>
        {
            var bits = Decode(current);
            var changed = false;
            foreach (var offset in offsets)
            {
                changed |= IsSet(bits, offset);
                Set(bits, offset, false);
            }

            return changed ? Encode(bits) : null;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Marks offsets as taken without failing on ones already taken (repair of state lost or never written).</summary>
    public async Task MarkAsync(IReadOnlyCollection<int> offsets, CancellationToken ct)
    {
        await _store.GuaranteedUpdateAsync(_key, current =>
        {
            var bits = Decode(current);
            var changed = current is null;
            foreach (var offset in offsets)
            {
                changed |= !IsSet(bits, offset);
                Set(bits, offset, true);
            }

            return changed ? Encode(bits) : null;
        }, ct).ConfigureAwait(false);
    }

    public async Task<bool> IsAllocatedAsync(int offset, CancellationToken ct) => IsSet(await ReadAsync(ct).ConfigureAwait(false), offset);

    private async Task<byte[]> ReadAsync(CancellationToken ct) => Decode(await _store.GetAsync(_key, ct).ConfigureAwait(false));

    private int? FindFree(byte[] bits, int start)
    {
        var span = _size - _firstDynamic;
        for (var i = 0; i < span; i++)
        {
            var offset = _firstDynamic + ((start - _firstDynamic + i) % span);
            if (!IsSet(bits, offset))
            {
                return offset;
            }
        }

        return null;
    }

    private byte[] Decode(KeyValue? kv)
    {
        var bits = new byte[(_size + 7) / 8];
        if (kv is null)
        {
            return bits;
        }

        var stored = JsonNode.Parse(kv.Value) as JsonObject;
        if (stored?["range"]?.GetValue<string>() != _range)
        {
            // The range was reconfigured; old offsets mean other addresses now, so start over (the startup repair marks live ones).
            return bits;
        }

        var data = Convert.FromBase64String(stored["data"]?.GetValue<string>() ?? string.Empty);
        data.AsSpan(0, Math.Min(data.Length, bits.Length)).CopyTo(bits);
        return bits;
    }

    private byte[] Encode(byte[] bits) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "RangeAllocation",
            ["range"] = _range,
            ["data"] = Convert.ToBase64String(bits),
        });

    private bool IsSet(byte[] bits, int offset) => offset >= 0 && offset < _size && (bits[offset >> 3] & (1 << (offset & 7))) != 0;

    private static void Set(byte[] bits, int offset, bool value)
    {
        if (value)
        {
            bits[offset >> 3] |= (byte)(1 << (offset & 7));
        }
        else
        {
            bits[offset >> 3] &= (byte)~(1 << (offset & 7));
        }
    }
}
