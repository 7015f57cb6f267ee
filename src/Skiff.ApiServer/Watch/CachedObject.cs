using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Watch;

/// <summary>
/// One object as the watch cache holds it. Shared by every reader, so never modified: writers replace it.
/// Its JSON encoding is made once, before the object is shared, and every watcher sends those bytes; the document is
/// parsed from them only for readers that need one.
/// </summary>
public sealed record CachedObject
{
    private readonly byte[] _json;
    private JsonObject? _document;
    private readonly Lock _gate = new();
    private volatile bool _built;
    private SelectableView? _selectable;

    public CachedObject(string key, string ns, JsonObject obj, long revision)
    {
        Key = key;
        Namespace = ns;
        Revision = revision;
        _document = obj;
        _json = JsonSerializer.SerializeToUtf8Bytes(obj, Registry.Json.Compact);
    }

    /// <summary>An object known by its compact JSON only; the document is parsed from it if a reader needs one.</summary>
    public CachedObject(string key, string ns, byte[] json, long revision)
    {
        Key = key;
        Namespace = ns;
        Revision = revision;
        _json = json;
    }

    public string Key { get; }

    public string Namespace { get; }

    /// <summary>
    /// The object as a document, built on first use: most cached objects (Lease renewals, node heartbeats, events)
    /// only ever go out as their encoding, and building every node of every one was a large share of the
    /// server's allocations.
    /// </summary>
    public JsonObject Object
    {
        get
        {
            if (!_built)
            {
                lock (_gate)
                {
                    if (!_built)
                    {
                        Visit(Document());
                        _built = true;
                    }
                }
            }

            return _document!;
        }
    }

    public long Revision { get; }

    /// <summary>The object's compact JSON.</summary>
    public ReadOnlySpan<byte> Json => _json;

    /// <summary>
    /// The labels and selectable fields of the object, worked out once for every watcher with a selector (a
    /// node's kubelet watching its pods, say) without building the whole document.
    /// </summary>
    /// <remarks>
    /// A parsed JsonObject builds its children lazily on first access, which is not safe when many readers touch
    /// it at once. Reads of the document before it is built (here) and the building itself (<see cref="Object"/>)
    /// take one lock; once built, readers need none.
    /// </remarks>
    /// <param name="read">Reads the view from the document; every caller for one resource reads the same view.</param>
    public SelectableView Selectable(Func<JsonObject, SelectableView> read)
    {
        lock (_gate)
        {
            return _selectable ??= read(Document());
        }
    }

    /// <summary>Called under the gate.</summary>
    private JsonObject Document() => _document ??= Registry.Json.ParseObject(_json);

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
