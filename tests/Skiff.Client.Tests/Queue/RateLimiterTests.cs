using Microsoft.Extensions.Time.Testing;
using Skiff.Client.Queue;

namespace Skiff.Client.Tests.Queue;

public sealed class RateLimiterTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(11, 5120)]
    [InlineData(18, 655_360)]
    [InlineData(19, 1_000_000)]
    [InlineData(60, 1_000_000)]
    public void When_BacksOffPerKeyExponentiallyUpToTheCap(int failures, long expectedMs)
    {
        // A generous bucket keeps the token limit out of the way: this is the per-key backoff alone.
        var limiter = new RateLimiter<string>(new FakeTimeProvider(), RateLimiterOptions.Default with { Burst = 1000 });
        var delay = TimeSpan.Zero;
        for (var i = 0; i < failures; i++)
        {
            delay = limiter.When("a");
        }

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
        Assert.Equal(failures, limiter.Retries("a"));
    }

    [Fact]
    public void Forget_StartsTheBackoffOver()
    {
        var limiter = new RateLimiter<string>(new FakeTimeProvider(), RateLimiterOptions.Default);
        limiter.When("a");
        limiter.When("a");

        limiter.Forget("a");

        Assert.Equal(0, limiter.Retries("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
    }

    [Fact]
    public void When_AfterTheBurst_WaitsForTheBucketAtTenPerSecond()
    {
        var limiter = new RateLimiter<int>(new FakeTimeProvider(), RateLimiterOptions.Default);
        for (var key = 0; key < 100; key++)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When(key));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When(100));
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When(101));
    }

    [Fact]
    public void When_BucketRefillsAsTimePasses()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter<int>(time, RateLimiterOptions.Default);
        for (var key = 0; key < 102; key++)
        {
            limiter.When(key);
        }

        time.Advance(TimeSpan.FromSeconds(1));

        // Two tokens of debt, ten refilled: eight in hand again.
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When(200));
    }
}
