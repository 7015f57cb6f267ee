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

        IWatchSink sink;
        if (request.Http.WebSockets.IsWebSocketRequest)
        {
            sink = new WebSocketWatchSink(await request.Http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false));
        }
        else
        {
            var response = request.Http.Response;
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.Headers.CacheControl = "no-cache, private";
            await response.StartAsync(ct).ConfigureAwait(false);

            // Clients wait for the headers before they consider the watch open; Kestrel holds them until a flush.
            await response.BodyWriter.FlushAsync(ct).ConfigureAwait(false);
            sink = new ChunkedWatchSink(response.BodyWriter);
        }

        await using var disposeSink = sink.ConfigureAwait(false);
        var stream = new WatchEventStream(request, writer, filter, bookmarks, sendInitial, _time, sink);
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

    private static async Task StreamFromCacheAsync(CacheSubscription subscription, WatchEventStream stream, CancellationToken ct)
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

    private static async Task StreamFromStoreAsync(ApiRequest request, WatchEventStream stream, long after, CancellationToken ct)
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
}
