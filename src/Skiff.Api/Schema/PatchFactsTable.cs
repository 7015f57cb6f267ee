namespace Skiff.Api.Schema;

/// <summary>Collects upstream's per-field facts; the per-group files under Facts/ fill it.</summary>
internal sealed class PatchFactsTable
{
    private readonly Dictionary<(Type Type, string Field), FieldFacts> _fields = [];
    private readonly HashSet<Type> _atomicStructs = [];

    public void MapList<T>(string field, string[] keys, PatchStrategy patch = PatchStrategy.None, string? mergeKey = null) =>
        Set<T>(field, f => f with { ListType = ListType.Map, ListMapKeys = keys, Strategy = patch, MergeKey = mergeKey });

    public void SetList<T>(string field, PatchStrategy patch = PatchStrategy.None, string? mergeKey = null) =>
        Set<T>(field, f => f with { ListType = ListType.Set, Strategy = patch, MergeKey = mergeKey });

    public void AtomicList<T>(string field, PatchStrategy patch = PatchStrategy.None, string? mergeKey = null) =>
        Set<T>(field, f => f with { ListType = ListType.Atomic, Strategy = patch, MergeKey = mergeKey });

    public void Patch<T>(string field, PatchStrategy patch, string? mergeKey = null) =>
        Set<T>(field, f => f with { Strategy = patch, MergeKey = mergeKey });

    public void AtomicMap<T>(string field) => Set<T>(field, f => f with { MapType = MapType.Atomic });

    public void GranularMap<T>(string field) => Set<T>(field, f => f with { MapType = MapType.Granular });

    public void AtomicStruct<T>() => _atomicStructs.Add(typeof(T));

    public FieldFacts Find(Type type, string field) => _fields.GetValueOrDefault((type, field), FieldFacts.None);

    public bool IsAtomicStruct(Type type) => _atomicStructs.Contains(type);

    public IEnumerable<(Type ModelType, string JsonName, FieldFacts Facts)> Entries =>
        _fields.Select(e => (e.Key.Type, e.Key.Field, e.Value));

    private void Set<T>(string field, Func<FieldFacts, FieldFacts> change)
    {
        var key = (typeof(T), field);
        _fields[key] = change(_fields.GetValueOrDefault(key, FieldFacts.None));
    }
}
