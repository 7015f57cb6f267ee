namespace Skiff.Scheduler.Queue;

/// <summary>A binary heap whose items can be found, updated and removed by key (pods by uid).</summary>
internal sealed class KeyedHeap<T>(Func<T, string> keyOf, Func<T, T, bool> less)
{
    private readonly List<T> _items = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public IEnumerable<T> Items => _items;

    public bool Contains(string key) => _index.ContainsKey(key);

    public T? Get(string key) => _index.TryGetValue(key, out var i) ? _items[i] : default;

    /// <summary>Adds the item, or replaces the one with the same key and restores heap order.</summary>
    public void AddOrUpdate(T item)
    {
        var key = keyOf(item);
        if (_index.TryGetValue(key, out var i))
        {
            _items[i] = item;
            Fix(i);
            return;
        }

        _items.Add(item);
        _index[key] = _items.Count - 1;
        Up(_items.Count - 1);
    }

    public T? Peek() => _items.Count > 0 ? _items[0] : default;

    public T Pop()
    {
        var top = _items[0];
        RemoveAt(0);
        return top;
    }

    public bool Remove(string key)
    {
        if (!_index.TryGetValue(key, out var i))
        {
            return false;
        }

        RemoveAt(i);
        return true;
    }

    private void RemoveAt(int i)
    {
        var last = _items.Count - 1;
        _index.Remove(keyOf(_items[i]));
        if (i != last)
        {
            _items[i] = _items[last];
            _index[keyOf(_items[i])] = i;
        }

        _items.RemoveAt(last);
        if (i < _items.Count)
        {
            Fix(i);
        }
    }

    private void Fix(int i)
    {
        if (!Down(i))
        {
            Up(i);
        }
    }

    private void Up(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!less(_items[i], _items[parent]))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private bool Down(int i)
    {
        var start = i;
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _items.Count)
            {
                break;
            }

            var child = left;
            if (left + 1 < _items.Count && less(_items[left + 1], _items[left]))
            {
                child = left + 1;
            }

            if (!less(_items[child], _items[i]))
            {
                break;
            }

            Swap(i, child);
            i = child;
        }

        return i > start;
    }

    private void Swap(int a, int b)
    {
        (_items[a], _items[b]) = (_items[b], _items[a]);
        _index[keyOf(_items[a])] = a;
        _index[keyOf(_items[b])] = b;
    }
}
