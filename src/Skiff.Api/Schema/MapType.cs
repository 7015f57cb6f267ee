namespace Skiff.Api.Schema;

/// <summary>A map or struct field's <c>x-kubernetes-map-type</c>; <see cref="Unspecified"/> when upstream declares none.</summary>
public enum MapType
{
    Unspecified,
    Atomic,
    Granular,
}
