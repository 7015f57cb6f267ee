using System.Collections.Concurrent;

namespace Skiff.Kubelet.Pods;

/// <summary>
/// Restart back-off per container (and image pulls per image): 10 s doubling to 5 min, forgotten once the last
/// step is older than twice the maximum, so a container that ran for 10 minutes starts over at 10 s as upstream.
/// </summary>
public sealed class CrashLoopBackoff(TimeProvider time, TimeSpan? initial = null, TimeSpan? max = null)
{
    private readonly TimeSpan _initial = initial ?? TimeSpan.FromSeconds(10);
    private readonly TimeSpan _max = max ?? TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(TimeSpan Delay, DateTimeOffset LastUpdate);

    /// <summary>The current delay of <paramref name="key"/>, or zero when it has none.</summary>
    public TimeSpan Delay(string key) => _entries.TryGetValue(key, out var entry) && !Expired(entry) ? entry.Delay : TimeSpan.Zero;

    /// <summary>True while <paramref name="since"/> (a container's finish time) plus the current delay is still ahead.</summary>
    public bool IsInBackoffSince(string key, DateTimeOffset since)
    {
        if (!_entries.TryGetValue(key, out var entry) || Expired(entry))
        {
            return false;
        }

        return time.GetUtcNow() - since < entry.Delay;
    }

    /// <summary>Records a restart: the first sets the initial delay, each next one doubles it up to the maximum.</summary>
    public void Next(string key)
    {
        var now = time.GetUtcNow();
        _entries.AddOrUpdate(
            key,
            _ => new Entry(_initial, now),
            (_, entry) => Expired(entry) ? new Entry(_initial, now) : new Entry(TimeSpan.FromTicks(Math.Min(entry.Delay.Ticks * 2, _max.Ticks)), now));
    }

    public void Reset(string key) => _entries.TryRemove(key, out _);

    /// <summary>Forgets every key that starts with <paramref name="prefix"/> (a pod's uid).</summary>
    public void RemovePrefix(string prefix)
    {
        foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _entries.TryRemove(key, out _);
        }
    }

    private bool Expired(Entry entry) => time.GetUtcNow() - entry.LastUpdate > 2 * _max;
}
