using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Handlers;

/// <summary>The label and field selectors of a list or watch, applied to objects.</summary>
public sealed class ObjectFilter
{
    public static readonly ObjectFilter Everything = new(null);

    private readonly Func<JsonObject, bool>? _predicate;

    private ObjectFilter(Func<JsonObject, bool>? predicate)
    {
        _predicate = predicate;
    }

    public bool IsEmpty => _predicate is null;

    public static ObjectFilter FromQuery(ApiRequest request)
    {
        var labels = request.QueryValue("labelSelector");
        var fields = request.QueryValue("fieldSelector");
        if (string.IsNullOrWhiteSpace(labels) && string.IsNullOrWhiteSpace(fields))
        {
            return Everything;
        }

        throw ApiErrors.BadRequest("selectors are not supported yet");
    }

    public bool Matches(JsonObject obj) => _predicate is null || _predicate(obj);
}
