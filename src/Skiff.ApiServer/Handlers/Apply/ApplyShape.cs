using Skiff.Api.Schema;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// The schema of one value as server-side apply sees it, derived from the model's patch metadata: list types and
/// keys come from <c>+listType</c>/<c>+listMapKey</c>, or, where upstream declares none, from the strategic merge
/// strategy (merge with a key is a map list, merge without one a set), as upstream's OpenAPI conversion does.
/// </summary>
internal sealed record ApplyShape
{
    private static readonly ApplyShape s_objectMeta = OfModel(typeof(k8s.Models.V1ObjectMeta));

    // A field's shape follows from its schema alone; every write walks the same fields, and making their shapes
    // anew on each step was a share of each write's allocations.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FieldSchema, ApplyShape> s_fieldShapes = [];

    public static readonly ApplyShape Scalar = new() { Kind = ShapeKind.Scalar };

    public static readonly ApplyShape Deduced = new() { Kind = ShapeKind.Deduced };

    public ShapeKind Kind { get; init; }

    public bool Atomic { get; init; }

    public ModelSchema? Model { get; init; }

    /// <summary>The shape of map values and list items.</summary>
    public ApplyShape? Element { get; init; }

    public ListType ListType { get; init; }

    public IReadOnlyList<string> Keys { get; init; } = [];

    /// <summary>A whole object of the resource: its model, or for custom resources everything deduced but metadata.</summary>
    public static ApplyShape ForResource(Type? modelType) =>
        modelType is not null && PatchMetadata.For(modelType) is { } model
            ? new ApplyShape { Kind = ShapeKind.Struct, Model = model }
            : new ApplyShape { Kind = ShapeKind.Deduced, Element = s_objectMeta };

    public static ApplyShape OfModel(Type modelType) => PatchMetadata.For(modelType) is { } model
        ? new ApplyShape { Kind = ShapeKind.Struct, Model = model, Atomic = model.StructType == MapType.Atomic }
        : Deduced;

    /// <summary>Leaves are replaced whole and owned as one field.</summary>
    public bool IsLeaf => Kind == ShapeKind.Scalar || Atomic || (Kind == ShapeKind.List && ListType == ListType.Atomic);

    public ApplyShape Child(string key)
    {
        switch (Kind)
        {
            case ShapeKind.Map:
                return Element ?? Deduced;
            case ShapeKind.Deduced:
                // The root of a custom resource keeps the typed metadata (Element holds it there).
                return key == "metadata" && Element is not null ? Element : Deduced;
            case ShapeKind.Struct when Model?.Field(key) is { } field:
                return s_fieldShapes.GetValue(field, static f => OfField(f));
            default:
                return Deduced;
        }
    }

    private static ApplyShape OfField(FieldSchema field)
    {
        var facts = field.Facts;
        switch (field.Kind)
        {
            case FieldKind.Object:
                var item = field.ItemModelType is null ? Deduced : OfModel(field.ItemModelType);
                return facts.MapType == MapType.Atomic ? item with { Atomic = true } : item;
            case FieldKind.Map:
                return new ApplyShape
                {
                    Kind = ShapeKind.Map,
                    Atomic = facts.MapType == MapType.Atomic,
                    Element = field.ItemModelType is null ? Scalar : OfModel(field.ItemModelType),
                };
            case FieldKind.List:
                var (listType, keys) = ListTypeOf(facts);
                return new ApplyShape
                {
                    Kind = ShapeKind.List,
                    ListType = listType,
                    Keys = keys,
                    Element = field.ItemModelType is null ? Scalar : OfModel(field.ItemModelType),
                };
            case FieldKind.Untyped:
                return Deduced;
            default:
                return Scalar;
        }
    }

    private static (ListType Type, IReadOnlyList<string> Keys) ListTypeOf(FieldFacts facts)
    {
        if (facts.ListType == ListType.Map)
        {
            return (ListType.Map, facts.ListMapKeys);
        }

        if (facts.ListType != ListType.Unspecified)
        {
            return (facts.ListType, []);
        }

        if (facts.Strategy.HasFlag(PatchStrategy.Merge))
        {
            return facts.MergeKey is { } key ? (ListType.Map, [key]) : (ListType.Set, []);
        }

        return (ListType.Atomic, []);
    }
}
