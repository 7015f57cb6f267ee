namespace Skiff.Api.Schema;

/// <summary>The JSON shape of a model field.</summary>
public enum FieldKind
{
    /// <summary>A string, number or boolean (also quantities, int-or-strings, byte strings and times).</summary>
    Scalar,

    /// <summary>A nested model object.</summary>
    Object,

    /// <summary>A JSON array.</summary>
    List,

    /// <summary>A JSON object with free-form keys (labels, resource lists).</summary>
    Map,

    /// <summary>Anything goes (runtime.RawExtension, JSON schema values).</summary>
    Untyped,
}
