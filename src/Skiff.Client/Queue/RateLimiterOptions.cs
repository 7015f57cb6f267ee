namespace Skiff.Client.Queue;

/// <summary>Upstream's DefaultControllerRateLimiter numbers.</summary>
public sealed record RateLimiterOptions
{
    public static RateLimiterOptions Default { get; } = new();

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1000);

    public double QueriesPerSecond { get; init; } = 10;

    public int Burst { get; init; } = 100;
}
