using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.Api.Selectors;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Watch;

namespace Skiff.ApiServer.Handlers;

/// <summary>The label and field selectors of a list, watch or deletecollection, applied to objects.</summary>
public sealed class ObjectFilter
{
    public static readonly ObjectFilter Everything = new(LabelSelector.Everything, FieldSelector.Everything, string.Empty, string.Empty, false);

    private readonly LabelSelector _labels;
    private readonly FieldSelector _fields;
    private readonly string _group;
    private readonly string _resource;
    private readonly bool _namespaced;

    private ObjectFilter(LabelSelector labels, FieldSelector fields, string group, string resource, bool namespaced)
    {
        _labels = labels;
        _fields = fields;
        _group = group;
        _resource = resource;
        _namespaced = namespaced;
    }

    public bool IsEmpty => _labels.IsEverything && _fields.IsEverything;

    public static ObjectFilter FromQuery(ApiRequest request)
    {
        var labelText = request.QueryValue("labelSelector");
        var fieldText = request.QueryValue("fieldSelector");
        if (string.IsNullOrWhiteSpace(labelText) && string.IsNullOrWhiteSpace(fieldText))
        {
            return Everything;
        }

        try
        {
            var labels = LabelSelector.Parse(labelText);
            var fields = FieldLabels.Check(request.Resource.Group, request.Resource.Resource, FieldSelector.Parse(fieldText));
            return new ObjectFilter(labels, fields, request.Resource.Group, request.Resource.Resource, request.Resource.Namespaced);
        }
        catch (SelectorParseException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }
    }

    /// <summary>Matches a cached object through the selectable view it keeps for every watcher.</summary>
    public bool Matches(CachedObject cached)
    {
        if (IsEmpty)
        {
            return true;
        }

        var view = cached.Selectable(ReadView);
        if (!_labels.IsEverything && !_labels.Matches(view.Labels))
        {
            return false;
        }

        return _fields.IsEverything || _fields.Matches(view.Fields);
    }

    public bool Matches(JsonObject obj)
    {
        if (!_labels.IsEverything && !_labels.Matches(Labels(obj)))
        {
            return false;
        }

        return _fields.IsEverything || _fields.Matches(SelectableFields.Extract(_group, _resource, _namespaced, obj));
    }

    private SelectableView ReadView(JsonElement obj) =>
        new(SelectableFields.Labels(new ElementReadable(obj)), SelectableFields.Extract(_group, _resource, _namespaced, obj));

    private static Dictionary<string, string> Labels(JsonObject obj) => SelectableFields.Labels(new NodeReadable(obj));
}
