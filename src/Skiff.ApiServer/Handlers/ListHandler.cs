using System.Globalization;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Watch;
using Skiff.Storage;

namespace Skiff.ApiServer.Handlers;

/// <summary>
/// LIST with selectors, paging and upstream's resourceVersion rules: unset reads the store (consistent),
/// "0" or NotOlderThan may be served from the watch cache, Exact reads the store at that revision.
/// </summary>
public sealed class ListHandler
{
    private const string ContinueExpired =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.";

    private readonly WatchCaches _caches;

    public ListHandler(WatchCaches caches)
    {
        _caches = caches;
    }

    public async Task HandleAsync(ApiRequest request, ObjectWriter writer)
    {
        var filter = ObjectFilter.FromQuery(request);
        var limit = ParseLimit(request.QueryValue("limit"));
        var continueToken = request.QueryValue("continue");
        var rv = request.QueryValue("resourceVersion");
        var match = request.QueryValue("resourceVersionMatch");

        if (!string.IsNullOrEmpty(continueToken) && !string.IsNullOrEmpty(rv) && rv != "0")
        {
            throw ApiErrors.BadRequest("specifying resource version is not allowed when using continue");
        }

        if (!string.IsNullOrEmpty(match) && string.IsNullOrEmpty(rv))
        {
            throw ApiErrors.BadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
        }

        if (string.IsNullOrEmpty(continueToken) && limit == 0 && CanUseCache(rv, match))
        {
            var minRevision = rv is null or "0" ? 0 : ParseRevision(rv);
            var cache = _caches.For(request.Store);
            var snapshot = await cache.ListAsync(request.Namespace, minRevision, request.Aborted).ConfigureAwait(false);
            var items = new List<JsonObject>();
            foreach (var entry in snapshot.Objects)
            {
                if (filter.Matches(entry))
                {
                    items.Add(entry.Object);
                }
            }

            await writer.WriteListAsync(request, items, snapshot.Revision.ToString(CultureInfo.InvariantCulture), null, null).ConfigureAwait(false);
            return;
        }

        var atRevision = match == "Exact" ? ParseRevision(rv!) : 0;
        await ListFromStoreAsync(request, writer, filter, limit, continueToken, atRevision).ConfigureAwait(false);
    }

    private static bool CanUseCache(string? rv, string? match) =>
        !string.IsNullOrEmpty(rv) && match is null or "" or "NotOlderThan";

    private static async Task ListFromStoreAsync(
        ApiRequest request, ObjectWriter writer, ObjectFilter filter, long limit, string? continueToken, long atRevision)
    {
        var items = new List<JsonObject>();
        var prefix = request.Store.Prefix(request.Namespace);
        long revision = 0;
        long remaining = 0;
        string? next = continueToken;
        try
        {
            do
            {
                var pageSize = limit == 0 ? 0 : Math.Max(limit - items.Count, 1);
                var page = await request.Store.Store.ListAsync(prefix, new ListOptions(pageSize, next, atRevision), request.Aborted).ConfigureAwait(false);
                revision = page.Revision;
                atRevision = page.Revision;
                next = page.Continue;
                remaining = page.RemainingCount;
                foreach (var kv in page.Items)
                {
                    var obj = request.Store.Decode(kv.Value, kv.ModRevision).Object;
                    if (filter.Matches(obj))
                    {
                        items.Add(obj);
                    }
                }
            }
            while (next is not null && (limit == 0 || items.Count < limit));
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.Compacted)
        {
            throw continueToken is null
                ? ApiErrors.TooOldResourceVersion(atRevision, e.CompactRevision)
                : ApiErrors.Gone(ContinueExpired);
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.InvalidContinue)
        {
            throw ApiErrors.BadRequest($"continue key is not valid: {e.Message}");
        }

        // With a selector the remaining count would be a guess, and upstream leaves it out.
        long? remainingCount = filter.IsEmpty && next is not null ? remaining : null;
        await writer.WriteListAsync(request, items, revision.ToString(CultureInfo.InvariantCulture), next, remainingCount).ConfigureAwait(false);
    }

    private static long ParseLimit(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : throw ApiErrors.BadRequest($"invalid limit: {value}");
    }

    public static long ParseRevision(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var r)
            ? r
            : throw ApiErrors.BadRequest($"invalid resource version: {value}");
}
