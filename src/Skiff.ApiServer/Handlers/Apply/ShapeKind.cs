namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>How server-side apply treats a value: what it merges into and how it is addressed in field sets.</summary>
internal enum ShapeKind
{
    /// <summary>A leaf: replaced as a whole.</summary>
    Scalar,

    /// <summary>A model object with named fields; its fields are merged one by one unless it is atomic.</summary>
    Struct,

    /// <summary>A map with free-form keys (labels, resource lists): merged key by key unless atomic.</summary>
    Map,

    /// <summary>A list: atomic, a set of values, or a map keyed by some fields of its items.</summary>
    List,

    /// <summary>No schema (custom resources, untyped fields): objects merge by key, lists are atomic.</summary>
    Deduced,
}
