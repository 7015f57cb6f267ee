namespace Skiff.Api.Schema;

/// <summary>A list field's <c>x-kubernetes-list-type</c>; <see cref="Unspecified"/> when upstream declares none.</summary>
public enum ListType
{
    Unspecified,
    Atomic,
    Set,
    Map,
}
