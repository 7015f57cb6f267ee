using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Handlers;

/// <summary>
/// Writes one object or a list in the form the client negotiated. Table output for kubectl plugs in here,
/// so handlers stay unaware of representations. Objects passed in may be shared with the watch cache and
/// are never modified.
/// </summary>
public class ObjectWriter
{
    public virtual Task WriteObjectAsync(ApiRequest request, int code, JsonObject obj) =>
        Responses.WriteAsync(request.Http, code, obj, WantsYaml(request));

    /// <summary>
    /// Writes an object a write just stored: as JSON, the stored bytes with the revision spliced in are what encoding
    /// the object would give (it is the stored object with resourceVersion added last to its metadata).
    /// </summary>
    public virtual Task WriteStoredAsync(ApiRequest request, int code, StoredObject stored) =>
        !WantsYaml(request) && stored.Stored is { } bytes
            ? Responses.WriteStoredJsonAsync(request.Http, code, bytes, stored.Revision, () => WriteObjectAsync(request, code, stored.Object))
            : WriteObjectAsync(request, code, stored.Object);

    protected virtual bool WantsYaml(ApiRequest request) => false;

    /// <summary>How one object travels in a watch event (an object, or a one-row Table for kubectl get -w).</summary>
    public virtual JsonNode WatchObject(ApiRequest request, JsonObject obj) => obj;

    /// <summary>
    /// Whether <see cref="WatchObject"/> may return something other than the object for this request; when it
    /// cannot, watch events go out as the cache's encoding without the object being looked at.
    /// </summary>
    public virtual bool ShapesWatchObjects(ApiRequest request) => false;

    public virtual async Task WriteListAsync(
        ApiRequest request, IReadOnlyList<JsonObject> items, string resourceVersion, string? continueToken, long? remaining)
    {
        if (WantsYaml(request))
        {
            var array = new JsonArray();
            foreach (var item in items)
            {
                array.Add(item.DeepClone());
            }

            await Responses.WriteAsync(request.Http, 200, ListEnvelope(request, resourceVersion, continueToken, remaining, array), yaml: true).ConfigureAwait(false);
            return;
        }

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(response.BodyWriter, Registry.Json.WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", request.Resource.ListKind);
            writer.WriteString("apiVersion", request.Resource.GroupVersion);
            writer.WritePropertyName("metadata");
            ListMetadata(resourceVersion, continueToken, remaining).WriteTo(writer);
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                item.WriteTo(writer);
                if (writer.BytesPending > 64 * 1024)
                {
                    await writer.FlushAsync(request.Aborted).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(request.Aborted).ConfigureAwait(false);
        }
    }

    protected static JsonObject ListEnvelope(ApiRequest request, string resourceVersion, string? continueToken, long? remaining, JsonArray items) =>
        new()
        {
            ["kind"] = request.Resource.ListKind,
            ["apiVersion"] = request.Resource.GroupVersion,
            ["metadata"] = ListMetadata(resourceVersion, continueToken, remaining),
            ["items"] = items,
        };

    protected static JsonObject ListMetadata(string resourceVersion, string? continueToken, long? remaining)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (!string.IsNullOrEmpty(continueToken))
        {
            metadata["continue"] = continueToken;
        }

        if (remaining is > 0)
        {
            metadata["remainingItemCount"] = remaining;
        }

        return metadata;
    }
}
