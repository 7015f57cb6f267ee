namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>The kinds of step in a field path, in the order upstream sorts them (fields first, indexes last).</summary>
internal enum PathElementKind
{
    /// <summary><c>f:name</c>: a field of an object.</summary>
    Field,

    /// <summary><c>k:{"name":"web"}</c>: the item of an associative list with these key field values.</summary>
    Key,

    /// <summary><c>v:"value"</c>: the item of a set list with this value.</summary>
    Value,

    /// <summary><c>i:0</c>: the item of an atomic-less list at this index.</summary>
    Index,
}
