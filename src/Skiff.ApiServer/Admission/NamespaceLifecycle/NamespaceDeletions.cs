using System.Collections.Concurrent;

namespace Skiff.ApiServer.Admission.NamespaceLifecycle;

/// <summary>
/// Namespaces this server began deleting (or removed) in the last half minute, which the lifecycle check looks up in
/// the store even when its cache still shows them active, as upstream's plugin does for deletes it admitted.
/// </summary>
public sealed class NamespaceDeletions
{
    /// <summary>Upstream's forceLiveLookupTTL.</summary>
    public static readonly TimeSpan LiveLookupFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public NamespaceDeletions(TimeProvider time)
    {
        _time = time;
    }

    public void Record(string name)
    {
        var now = _time.GetUtcNow();
        _until[name] = now + LiveLookupFor;
        if (_until.Count > 256)
        {
            // Deletes are rare; dropping lapsed entries now and then keeps the map from growing with them.
            foreach (var (key, until) in _until)
            {
                if (until <= now)
                {
                    _until.TryRemove(key, out _);
                }
            }
        }
    }

    public bool Recent(string name) => _until.TryGetValue(name, out var until) && until > _time.GetUtcNow();
}
