using System.Text.Json.Nodes;
using Skiff.Api.Objects;

namespace Skiff.ApiServer.Handlers;

/// <summary>
/// Moves built-in objects between the group-version a request addresses and the one they are stored
/// at, for kinds upstream serves at several group-versions over one stored form (an HPA written as
/// autoscaling/v1 is stored as v2; an events.k8s.io Event as a core Event). Strategies, admission and
/// patches work at the request's version; the store only ever sees the storage version.
/// </summary>
internal static class StoredForm
{
    public static JsonObject ToStorage(ApiRequest request, JsonObject obj) =>
        Converts(request) ? BuiltInConversion.To(obj, request.Resource.StorageGroupVersion) : obj;

    public static JsonObject ToRequest(ApiRequest request, JsonObject stored) =>
        Converts(request) ? BuiltInConversion.To(stored, request.Resource.GroupVersion) : stored;

    private static bool Converts(ApiRequest request) =>
        request.Resource.ModelType is not null && BuiltInConversion.Converts(request.Resource.Kind);
}
