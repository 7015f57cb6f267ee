using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Watch;

namespace Skiff.ApiServer.Handlers;

/// <summary>Turns cache events into the client's events: selector transitions, bookmarks, encoding.</summary>
internal sealed class WatchEventStream
{
    private readonly ApiRequest _request;
    private readonly ObjectWriter _writer;
    private readonly ObjectFilter _filter;
    private readonly bool _bookmarks;
    private readonly bool _sendInitial;
    private readonly TimeProvider _time;
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(5);
    private readonly IWatchSink _sink;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _json;
    private DateTimeOffset _lastBookmark;
    private bool? _shapes;

    public WatchEventStream(ApiRequest request, ObjectWriter writer, ObjectFilter filter, bool bookmarks, bool sendInitial, TimeProvider time, IWatchSink sink)
    {
        _sink = sink;
        _request = request;
        _writer = writer;
        _filter = filter;
        _bookmarks = bookmarks;
        _sendInitial = sendInitial;
        _time = time;
        _json = new Utf8JsonWriter(_buffer, Registry.Json.WriterOptions);
        _lastBookmark = time.GetUtcNow();
    }

    public async Task WriteAsync(CacheEvent e, CancellationToken ct)
    {
        switch (e.Type)
        {
            case CacheEventType.Bookmark:
                await WriteBookmarkAsync(e, ct).ConfigureAwait(false);
                return;
            case CacheEventType.Added:
                if (Matches(e.Object!))
                {
                    Write("ADDED", e.Object!);
                }

                return;
            case CacheEventType.Deleted:
                if (Matches(e.Object!) || (e.Previous is not null && Matches(e.Previous)))
                {
                    Write("DELETED", e.Object!);
                }

                return;
            default:
                var now = Matches(e.Object!);
                var before = e.Previous is not null && Matches(e.Previous);
                if (now)
                {
                    Write(before || e.Previous is null ? "MODIFIED" : "ADDED", e.Object!);
                }
                else if (before)
                {
                    Write("DELETED", e.Object!);
                }

                return;
        }
    }

    public Task FlushAsync(CancellationToken ct) => _sink.FlushAsync(ct);

    public async Task WriteErrorAsync(ApiException error, CancellationToken ct)
    {
        try
        {
            WriteEvent("ERROR", error.ToStatus());
            await FlushAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WriteBookmarkAsync(CacheEvent e, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (!_bookmarks || (!e.InitialEventsEnd && now - _lastBookmark < BookmarkInterval) || (e.InitialEventsEnd && !_sendInitial))
        {
            return;
        }

        _lastBookmark = now;
        var metadata = new JsonObject { ["resourceVersion"] = e.Revision.ToString(CultureInfo.InvariantCulture) };
        if (e.InitialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        WriteEvent("BOOKMARK", new JsonObject
        {
            ["kind"] = _request.Resource.Kind,
            ["apiVersion"] = _request.Resource.GroupVersion,
            ["metadata"] = metadata,
        });
        await FlushAsync(ct).ConfigureAwait(false);
    }

    private bool Matches(CachedObject cached) => _filter.Matches(cached);

    private void Write(string type, CachedObject cached)
    {
        _shapes ??= _writer.ShapesWatchObjects(_request);
        if (_shapes.Value)
        {
            var shaped = _writer.WatchObject(_request, cached.Object);
            if (!ReferenceEquals(shaped, cached.Object))
            {
                WriteEvent(type, shaped);
                return;
            }
        }

        // Plain JSON watchers all send the same bytes for an object; reuse its one encoding.
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WritePropertyName("object");
        _json.WriteRawValue(cached.Json, skipInputValidation: true);
        _json.WriteEndObject();
        Commit();
    }

    private void WriteEvent(string type, JsonNode obj)
    {
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WritePropertyName("object");
        obj.WriteTo(_json);
        _json.WriteEndObject();
        Commit();
    }

    private void Commit()
    {
        _json.Flush();
        _sink.Add(_buffer.WrittenSpan);
        _buffer.Clear();
        _json.Reset();
    }
}
