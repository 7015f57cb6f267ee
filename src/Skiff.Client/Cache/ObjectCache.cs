using k8s;
using k8s.Models;

namespace Skiff.Client.Cache;

/// <summary>
/// The indexed store behind an informer, and the fake lister of unit tests: fill it with <see cref="Upsert"/> and hand
/// it to a reconciler. Index "namespace" exists from the start.
/// </summary>
public sealed class ObjectCache<T> : ILister<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public const string NamespaceIndex = "namespace";

    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<ObjectKey>>> _indexes = new(StringComparer.Ordinal);

    public ObjectCache()
    {
        AddIndex(NamespaceIndex, o => string.IsNullOrEmpty(o.Metadata?.NamespaceProperty) ? [] : [o.Metadata.NamespaceProperty]);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public void AddIndex(string name, Func<T, IEnumerable<string>> index)
    {
        lock (_lock)
        {
            if (!_indexers.TryAdd(name, index))
            {
                throw new InvalidOperationException($"index {name} already exists");
            }

            var values = new Dictionary<string, HashSet<ObjectKey>>(StringComparer.Ordinal);
            _indexes[name] = values;
            foreach (var (key, item) in _items)
            {
                foreach (var value in index(item))
                {
                    Bucket(values, value).Add(key);
                }
            }
        }
    }

    /// <summary>Stores the object and returns what it replaced.</summary>
    public T? Upsert(T item)
    {
        var key = ObjectKey.Of(item);
        lock (_lock)
        {
            _items.TryGetValue(key, out var old);
            if (old is not null)
            {
                Unindex(key, old);
            }

            _items[key] = item;
            Index(key, item);
            return old;
        }
    }

    /// <summary>Removes the object and returns what was cached.</summary>
    public T? Delete(ObjectKey key)
    {
        lock (_lock)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            Unindex(key, old);
            return old;
        }
    }

    /// <summary>Swaps the whole content (a relist) and returns the objects that disappeared.</summary>
    public IReadOnlyList<T> Replace(IEnumerable<T> items)
    {
        lock (_lock)
        {
            var fresh = items.ToDictionary(ObjectKey.Of);
            var gone = _items.Where(kv => !fresh.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList();
            _items.Clear();
            foreach (var values in _indexes.Values)
            {
                values.Clear();
            }

            foreach (var (key, item) in fresh)
            {
                _items[key] = item;
                Index(key, item);
            }

            return gone;
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List(string? ns = null)
    {
        if (ns is not null)
        {
            return ByIndex(NamespaceIndex, ns);
        }

        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(indexName, out var values))
            {
                throw new InvalidOperationException($"index {indexName} does not exist");
            }

            return values.TryGetValue(value, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    private void Index(ObjectKey key, T item)
    {
        foreach (var (name, index) in _indexers)
        {
            foreach (var value in index(item))
            {
                Bucket(_indexes[name], value).Add(key);
            }
        }
    }

    private void Unindex(ObjectKey key, T item)
    {
        foreach (var (name, index) in _indexers)
        {
            var values = _indexes[name];
            foreach (var value in index(item))
            {
                if (values.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    values.Remove(value);
                }
            }
        }
    }

    private static HashSet<ObjectKey> Bucket(Dictionary<string, HashSet<ObjectKey>> values, string value)
    {
        if (!values.TryGetValue(value, out var keys))
        {
            keys = [];
            values[value] = keys;
        }

        return keys;
    }
}
