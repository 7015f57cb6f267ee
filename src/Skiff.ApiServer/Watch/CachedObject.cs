using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Watch;

/// <summary>
/// One object as the watch cache holds it. Shared by every reader, so never modified: writers replace it.
/// Its JSON encoding is made once, before the object is shared, and every watcher sends those bytes.
/// </summary>
public sealed record CachedObject
{
    private readonly Lazy<JsonObject> _object;
    private readonly byte[] _json;

    public CachedObject(string key, string ns, JsonObject obj, long revision)
    {
        Key = key;
        Namespace = ns;
        Revision = revision;
        _json = JsonSerializer.SerializeToUtf8Bytes(obj, Registry.Json.Compact);
        _object = new Lazy<JsonObject>(() => Materialize(obj), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Key { get; }

    public string Namespace { get; }

    /// <summary>
    /// The object as a document, built on first use: most cached objects (Lease renewals, node heartbeats, events)
    /// only ever go out as their encoding, and building every node of every one was a large share of the
    /// server's allocations.
    /// </summary>
    public JsonObject Object => _object.Value;

    public long Revision { get; }

    /// <summary>The object's compact JSON.</summary>
    public ReadOnlySpan<byte> Json => _json;

    /// <summary>
    /// A parsed JsonObject builds its children lazily on first access, which is not safe when many readers touch
    /// a shared object at once; visiting every node once, before it is shared, removes that first access.
    /// </summary>
    private static JsonObject Materialize(JsonObject obj)
    {
        Visit(obj);
        return obj;
    }

    private static void Visit(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    Visit(value);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Visit(item);
                }

                break;
        }
    }
}
