using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Pods;

namespace Skiff.Kubelet.Tests.Pods;

public sealed class CrashLoopBackoffTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FirstRestart_IsImmediate_ThenDelaysDoubleUpToFiveMinutes()
    {
        var backoff = new CrashLoopBackoff(_time);
        Assert.False(backoff.IsInBackoffSince("p/c", _time.GetUtcNow()));
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            backoff.Next("p/c");
            delays.Add(backoff.Delay("p/c"));
        }

        Assert.Equal([10, 20, 40, 80, 160, 300, 300], delays.Select(d => (int)d.TotalSeconds));
    }

    [Fact]
    public void InBackoff_UntilDelayAfterFinishPassed()
    {
        var backoff = new CrashLoopBackoff(_time);
        backoff.Next("p/c");
        var finished = _time.GetUtcNow();
        Assert.True(backoff.IsInBackoffSince("p/c", finished));
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(backoff.IsInBackoffSince("p/c", finished));
    }

    [Fact]
    public void AfterTenMinutesWithoutRestart_StartsOverAtTenSeconds()
    {
        var backoff = new CrashLoopBackoff(_time);
        for (var i = 0; i < 5; i++)
        {
            backoff.Next("p/c");
        }

        _time.Advance(TimeSpan.FromMinutes(11));
        backoff.Next("p/c");
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Delay("p/c"));
    }

    [Fact]
    public void RemovePrefix_ForgetsOnlyThatPod()
    {
        var backoff = new CrashLoopBackoff(_time);
        backoff.Next("a/c");
        backoff.Next("b/c");
        backoff.RemovePrefix("a/");
        Assert.Equal(TimeSpan.Zero, backoff.Delay("a/c"));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Delay("b/c"));
    }
}
