namespace Skiff.Client.Queue;

/// <summary>
/// Keys waiting for a moment, earliest first. A key waits once: adding it again with an earlier moment moves it up,
/// with a later one changes nothing (upstream's delaying queue keeps the earliest ready time).
/// </summary>
internal sealed class DelayHeap<TKey>
    where TKey : notnull
{
    private readonly PriorityQueue<TKey, long> _heap = new();
    private readonly Dictionary<TKey, long> _due = [];

    public int Count => _due.Count;

    public long? Earliest
    {
        get
        {
            DropStale();
            return _heap.TryPeek(out _, out var due) ? due : null;
        }
    }

    public void Add(TKey key, long due)
    {
        if (_due.TryGetValue(key, out var current) && current <= due)
        {
            return;
        }

        // The older, later entry stays in the heap and is skipped when it surfaces.
        _due[key] = due;
        _heap.Enqueue(key, due);
    }

    /// <summary>Removes and returns every key due at or before <paramref name="now"/>.</summary>
    public List<TKey> TakeDue(long now)
    {
        var ready = new List<TKey>();
        while (true)
        {
            DropStale();
            if (!_heap.TryPeek(out var key, out var due) || due > now)
            {
                return ready;
            }

            _heap.Dequeue();
            _due.Remove(key);
            ready.Add(key);
        }
    }

    public void Clear()
    {
        _heap.Clear();
        _due.Clear();
    }

    private void DropStale()
    {
        while (_heap.TryPeek(out var key, out var due) && (!_due.TryGetValue(key, out var current) || current != due))
        {
            _heap.Dequeue();
        }
    }
}
