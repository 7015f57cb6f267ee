using Skiff.Api.Schema;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// Where the strategic merge is in the model: a model object, the values of a map of model objects, or nowhere
/// known (unknown fields, untyped values), where upstream's metadata lookups find nothing and plain merge applies.
/// </summary>
internal readonly record struct SmpSchema(ModelSchema? Model, ModelSchema? MapValues)
{
    public static SmpSchema Unknown => default;

    public static SmpSchema Of(ModelSchema? model) => new(model, null);

    public string Name => Model?.UpstreamName ?? string.Empty;

    /// <summary>The facts of a field and the schema of its value (for lists: of each item).</summary>
    public (FieldFacts Facts, SmpSchema Child) Lookup(string key)
    {
        if (Model is null)
        {
            return (FieldFacts.None, MapValues is null ? Unknown : Of(MapValues));
        }

        var field = Model.Field(key);
        if (field is null)
        {
            return (FieldFacts.None, Unknown);
        }

        var child = field.Kind switch
        {
            FieldKind.Object or FieldKind.List => Of(field.ItemSchema),
            FieldKind.Map => new SmpSchema(null, field.ItemSchema),
            _ => Unknown,
        };
        return (field.Facts, child);
    }
}
