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
    /// <remarks>The view is worked out once, under the same lock that guards building the document.</remarks>
    /// <param name="read">Reads the view from the parsed JSON; every caller for one resource reads the same view.</param>
    public SelectableView Selectable(Func<JsonElement, SelectableView> read)
    {
        lock (_gate)
        {
            if (_selectable is null)
            {
                // Read from the bytes with a pooled parse: building the document for this was a tenth of the server's
                // allocation under a hollow-node kubelet's spec.nodeName watch.
                using var parsed = JsonDocument.Parse(_json);
                _selectable = read(parsed.RootElement);
            }

            return _selectable;
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
