namespace Skiff.Api.Schema;

/// <summary>One JSON field of a model type: its shape, the model type of its value or items, and upstream's facts.</summary>
public sealed record FieldSchema
{
    public required string JsonName { get; init; }

    public required FieldKind Kind { get; init; }

    /// <summary>
    /// The model type of the value (<see cref="FieldKind.Object"/>), of each item (<see cref="FieldKind.List"/>) or of
    /// each map value (<see cref="FieldKind.Map"/>); null when those are scalars or untyped.
    /// </summary>
    public Type? ItemModelType { get; init; }

    public FieldFacts Facts { get; init; } = FieldFacts.None;

    public PatchStrategy Strategy => Facts.Strategy;

    public string? MergeKey => Facts.MergeKey;

    /// <summary>The schema of the value, items or map values, when they are model objects.</summary>
    public ModelSchema? ItemSchema => ItemModelType is null ? null : PatchMetadata.For(ItemModelType);
}
