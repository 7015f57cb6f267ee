using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Watch;
using Skiff.Storage;

namespace Skiff.ApiServer.Handlers;

/// <summary>
/// WATCH as a chunked stream of newline-separated JSON events, served from the watch cache; a resume point
/// older than the cache's window is served by a direct store watch. Failures after the stream started are
/// sent as ERROR events carrying a Status, as upstream does.
/// </summary>
public sealed class WatchHandler
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(5);
    private readonly WatchCaches _caches;
    private readonly TimeProvider _time;

    public WatchHandler(WatchCaches caches, TimeProvider time)
    {
        _caches = caches;
        _time = time;
    }

    public async Task HandleAsync(ApiRequest request, ObjectWriter writer)
    {
        var filter = ObjectFilter.FromQuery(request);
        var rv = request.QueryValue("resourceVersion");
        var bookmarks = request.QueryValue("allowWatchBookmarks") is "true" or "1";
        var sendInitial = request.QueryValue("sendInitialEvents") is "true" or "1";
        var timeout = ParseTimeout(request.QueryValue("timeoutSeconds"));
        if (sendInitial && (request.QueryValue("resourceVersionMatch") != "NotOlderThan" || !bookmarks))
        {
            throw ApiErrors.Invalid("meta.k8s.io", "ListOptions", string.Empty,
                [new StatusCause("FieldValueForbidden", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan and allowWatchBookmarks to true", "sendInitialEvents")]);
        }

        var initialState = sendInitial || string.IsNullOrEmpty(rv) || rv == "0";
        var after = initialState ? 0 : ListHandler.ParseRevision(rv!);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        deadline.CancelAfter(timeout);
        var ct = deadline.Token;

        var cache = _caches.For(request.Store);
        var subscription = await cache.SubscribeAsync(request.Namespace, after, initialState, ct).ConfigureAwait(false);

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        await response.StartAsync(ct).ConfigureAwait(false);
        var stream = new EventStream(request, writer, filter, bookmarks, sendInitial, _time);
        try
        {
            if (subscription is null)
            {
                await StreamFromStoreAsync(request, stream, after, ct).ConfigureAwait(false);
            }
            else
            {
                using (subscription)
                {
                    await StreamFromCacheAsync(subscription, stream, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The timeout elapsed or the client went away: a watch simply ends.
        }
        catch (WatchOverflowException)
        {
            await stream.WriteErrorAsync(ApiErrors.Gone("the watch fell behind; resume from the last resourceVersion seen"), request.Aborted).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await stream.WriteErrorAsync(e, request.Aborted).ConfigureAwait(false);
        }
    }

    private static async Task StreamFromCacheAsync(CacheSubscription subscription, EventStream stream, CancellationToken ct)
    {
        var reader = subscription.Events;
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                await stream.WriteAsync(e, ct).ConfigureAwait(false);
            }

            await stream.FlushAsync(ct).ConfigureAwait(false);
        }

        // The channel completes with the reason the cache cut this watcher off.
        await reader.Completion.ConfigureAwait(false);
    }

    private static async Task StreamFromStoreAsync(ApiRequest request, EventStream stream, long after, CancellationToken ct)
    {
        try
        {
            var previous = new Dictionary<string, CachedObject>(StringComparer.Ordinal);
            await foreach (var e in request.Store.Store.WatchAsync(request.Store.Prefix(request.Namespace), after, WatchOptions.Default, ct).ConfigureAwait(false))
            {
                if (e.Type == WatchEventType.Progress)
                {
                    await stream.WriteAsync(new CacheEvent(CacheEventType.Bookmark, null, null, e.Revision), ct).ConfigureAwait(false);
                    continue;
                }

                var obj = request.Store.Decode(e.Value, e.Revision).Object;
                var current = new CachedObject(e.Key, request.Namespace, obj, e.Revision);
                previous.Remove(e.Key, out var before);
                var type = e.Type switch
                {
                    WatchEventType.Added => CacheEventType.Added,
                    WatchEventType.Deleted => CacheEventType.Deleted,
                    _ => CacheEventType.Modified,
                };
                if (e.Type != WatchEventType.Deleted)
                {
                    previous[e.Key] = current;
                }

                await stream.WriteAsync(new CacheEvent(type, current, before, e.Revision), ct).ConfigureAwait(false);
                await stream.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (StoreException e) when (e.Kind is StoreErrorKind.Compacted)
        {
            throw ApiErrors.TooOldResourceVersion(after, e.CompactRevision);
        }
        catch (StoreException e) when (e.Kind is StoreErrorKind.WatchLagging)
        {
            throw ApiErrors.Gone("the watch fell behind; resume from the last resourceVersion seen");
        }
    }

    private static TimeSpan ParseTimeout(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            // Upstream picks a random duration of 30-60 minutes so watchers do not reconnect in lockstep.
            return TimeSpan.FromMinutes(30 + Random.Shared.Next(30));
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Max(seconds, 1))
            : throw ApiErrors.BadRequest($"invalid timeoutSeconds: {value}");
    }

    /// <summary>Turns cache events into the client's events: selector transitions, bookmarks, encoding.</summary>
    private sealed class EventStream
    {
        private readonly ApiRequest _request;
        private readonly ObjectWriter _writer;
        private readonly ObjectFilter _filter;
        private readonly bool _bookmarks;
        private readonly bool _sendInitial;
        private readonly TimeProvider _time;
        private readonly Utf8JsonWriter _json;
        private DateTimeOffset _lastBookmark;

        public EventStream(ApiRequest request, ObjectWriter writer, ObjectFilter filter, bool bookmarks, bool sendInitial, TimeProvider time)
        {
            _request = request;
            _writer = writer;
            _filter = filter;
            _bookmarks = bookmarks;
            _sendInitial = sendInitial;
            _time = time;
            _json = new Utf8JsonWriter(request.Http.Response.BodyWriter, Registry.Json.WriterOptions);
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
                    if (_filter.Matches(e.Object!.Object))
                    {
                        Write("ADDED", e.Object.Object);
                    }

                    return;
                case CacheEventType.Deleted:
                    if (_filter.Matches(e.Object!.Object) || (e.Previous is not null && _filter.Matches(e.Previous.Object)))
                    {
                        Write("DELETED", e.Object.Object);
                    }

                    return;
                default:
                    var now = _filter.Matches(e.Object!.Object);
                    var before = e.Previous is not null && _filter.Matches(e.Previous.Object);
                    if (now)
                    {
                        Write(before || e.Previous is null ? "MODIFIED" : "ADDED", e.Object.Object);
                    }
                    else if (before)
                    {
                        Write("DELETED", e.Object.Object);
                    }

                    return;
            }
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            await _json.FlushAsync(ct).ConfigureAwait(false);
            await _request.Http.Response.BodyWriter.FlushAsync(ct).ConfigureAwait(false);
        }

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

        private void Write(string type, JsonObject obj) => WriteEvent(type, _writer.WatchObject(_request, obj));

        private void WriteEvent(string type, JsonNode obj)
        {
            _json.WriteStartObject();
            _json.WriteString("type", type);
            _json.WritePropertyName("object");
            obj.WriteTo(_json);
            _json.WriteEndObject();
            _json.Flush();
            _json.Reset();
            _request.Http.Response.BodyWriter.Write("\n"u8);
        }
    }
}
