using System.Collections.Concurrent;

namespace Skiff.Kubelet.Volumes;

/// <summary>
/// Keeps issued pod tokens so volume resyncs do not ask for a new one every few seconds; a token is renewed once
/// 80 % of its life or 24 hours have passed, as upstream's kubelet token manager does.
/// </summary>
public sealed class ServiceAccountTokenCache(TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<string> GetAsync(string key, long expirationSeconds, Func<Task<string>> issue)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && now < entry.RenewAt)
        {
            return entry.Token;
        }

        Prune(now);
        var token = await issue().ConfigureAwait(false);
        var life = TimeSpan.FromSeconds(expirationSeconds);
        var renewIn = TimeSpan.FromTicks(Math.Min((long)(life.Ticks * 0.8), MaxAge.Ticks));
        _entries[key] = new Entry(token, now + renewIn, now + life);
        return token;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now >= entry.Expires)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(string Token, DateTimeOffset RenewAt, DateTimeOffset Expires);
}
