namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>What changed between two versions of an object, as field sets.</summary>
internal sealed record FieldComparison(FieldSet Added, FieldSet Modified, FieldSet Removed)
{
    public FieldSet Changed => Modified.Union(Added);
}
