namespace Skiff.Client.Queue;

/// <summary>
/// Upstream's default controller rate limiter: the larger of a per-key exponential backoff (5 ms doubling, capped at
/// 1000 s) and an overall token bucket (10 per second, burst 100) that every retry draws from.
/// </summary>
internal sealed class RateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly TimeProvider _time;
    private readonly RateLimiterOptions _options;
    private double _tokens;
    private long _lastRefill;

    public RateLimiter(TimeProvider time, RateLimiterOptions options)
    {
        _time = time;
        _options = options;
        _tokens = options.Burst;
        _lastRefill = time.GetTimestamp();
    }

    /// <summary>Counts one more failure of <paramref name="key"/> and returns how long it should wait.</summary>
    public TimeSpan When(TKey key)
    {
        lock (_lock)
        {
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            return Max(Backoff(failures), ReserveToken());
        }
    }

    public int Retries(TKey key)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    public void Forget(TKey key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        // 2^failures overflows long before the cap matters, so compare in doubles.
        var delay = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, failures);
        return delay >= _options.MaxDelay.TotalMilliseconds ? _options.MaxDelay : TimeSpan.FromMilliseconds(delay);
    }

    // A reservation as golang.org/x/time/rate hands out: the token is taken now, possibly into debt, and the caller
    // waits until the bucket would have refilled it.
    private TimeSpan ReserveToken()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastRefill, now).TotalSeconds;
        _lastRefill = now;
        _tokens = Math.Min(_options.Burst, _tokens + (elapsed * _options.QueriesPerSecond));
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _options.QueriesPerSecond);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
