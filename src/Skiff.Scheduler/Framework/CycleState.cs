using System.Collections.Concurrent;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// Per-pod, per-cycle scratch space: a PreFilter computes once, its Filter reads on every node (in parallel, hence
/// the concurrent map). Keys are plugin names or "PreFilterNodeResourcesFit"-style names.
/// </summary>
public sealed class CycleState
{
    private readonly ConcurrentDictionary<string, object> _data = new(StringComparer.Ordinal);

    public void Write(string key, object value) => _data[key] = value;

    public T? Read<T>(string key)
        where T : class => _data.TryGetValue(key, out var value) ? value as T : null;

    /// <summary>A shallow copy, for preemption's what-if filtering.</summary>
    public CycleState Clone()
    {
        var copy = new CycleState();
        foreach (var (key, value) in _data)
        {
            copy._data[key] = value is ICloneable cloneable ? cloneable.Clone() : value;
        }

        return copy;
    }
}
