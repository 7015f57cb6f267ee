using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Watch;

/// <summary>
/// One object as the watch cache holds it. Shared by every reader, so never modified: writers replace it.
/// Its JSON encoding is made once and shared, so an event fanned out to many watchers is serialized once.
/// </summary>
public sealed record CachedObject
{
    private readonly Lazy<byte[]> _json;

    public CachedObject(string key, string ns, JsonObject obj, long revision)
    {
        Key = key;
        Namespace = ns;
        Object = Materialize(obj);
        Revision = revision;
        _json = new Lazy<byte[]>(() => JsonSerializer.SerializeToUtf8Bytes(Object, Registry.Json.Compact), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Key { get; }

    public string Namespace { get; }

    public JsonObject Object { get; }

    public long Revision { get; }

    /// <summary>The object's compact JSON, encoded on first use.</summary>
    public ReadOnlySpan<byte> Json => _json.Value;

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
