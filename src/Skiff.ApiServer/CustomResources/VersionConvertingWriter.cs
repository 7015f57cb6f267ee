using System.Text.Json.Nodes;
using Skiff.Api.Objects;
using Skiff.ApiServer.Handlers;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.CustomResources;

/// <summary>
/// Converts every response (object, list, watch event) to the group-version the request addressed, in one
/// place. Custom objects get the "None" conversion (every version of a CRD shares one stored form and
/// only the apiVersion changes, as upstream's nop converter does); built-in kinds served at several
/// group-versions (HorizontalPodAutoscalers, Events) go through <see cref="BuiltInConversion"/>. Objects
/// from the watch cache are shared, so a converted object is a copy.
/// </summary>
public sealed class VersionConvertingWriter : ObjectWriter
{
    private readonly ObjectWriter _inner;

    public VersionConvertingWriter(ObjectWriter inner)
    {
        _inner = inner;
    }

    public override Task WriteObjectAsync(ApiRequest request, int code, JsonObject obj) =>
        _inner.WriteObjectAsync(request, code, Convert(request, obj));

    public override Task WriteStoredAsync(ApiRequest request, int code, StoredObject stored)
    {
        var converted = Convert(request, stored.Object);
        return ReferenceEquals(converted, stored.Object)
            ? _inner.WriteStoredAsync(request, code, stored)
            : _inner.WriteObjectAsync(request, code, converted);
    }

    public override Task WriteListAsync(ApiRequest request, IReadOnlyList<JsonObject> items, string resourceVersion, string? continueToken, long? remaining) =>
        _inner.WriteListAsync(request, request.Resource.ModelType is null || BuiltInConversion.Converts(request.Resource.Kind) ? items.Select(i => Convert(request, i)).ToList() : items, resourceVersion, continueToken, remaining);

    public override JsonNode WatchObject(ApiRequest request, JsonObject obj) => _inner.WatchObject(request, Convert(request, obj));

    public override bool ShapesWatchObjects(ApiRequest request) =>
        request.Resource.ModelType is null || BuiltInConversion.Converts(request.Resource.Kind) || _inner.ShapesWatchObjects(request);

    internal static JsonObject Convert(ApiRequest request, JsonObject obj)
    {
        var resource = request.Resource;
        if (resource.ModelType is not null)
        {
            return BuiltInConversion.Converts(resource.Kind) ? BuiltInConversion.To(obj, resource.GroupVersion) : obj;
        }

        if (CrdJson.Str(obj, "kind") != resource.Kind)
        {
            return obj;
        }

        var apiVersion = CrdJson.Str(obj, "apiVersion");
        if (apiVersion == resource.GroupVersion || !apiVersion.StartsWith(resource.Group + "/", StringComparison.Ordinal))
        {
            return obj;
        }

        var converted = (JsonObject)obj.DeepClone();
        converted["apiVersion"] = resource.GroupVersion;
        return converted;
    }
}
