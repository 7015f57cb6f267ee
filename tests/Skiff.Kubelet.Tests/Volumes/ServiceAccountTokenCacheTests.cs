using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Tests.Volumes;

public sealed class ServiceAccountTokenCacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Token_IsReusedUntilEightyPercentOfItsLife_ThenRenewed()
    {
        var cache = new ServiceAccountTokenCache(_time);
        var issued = 0;
        Task<string> Issue() => Task.FromResult($"t{++issued}");

        Assert.Equal("t1", await cache.GetAsync("pod/sa", 3600, Issue));
        _time.Advance(TimeSpan.FromMinutes(47));
        Assert.Equal("t1", await cache.GetAsync("pod/sa", 3600, Issue));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("t2", await cache.GetAsync("pod/sa", 3600, Issue));
        Assert.Equal("t3", await cache.GetAsync("other-pod/sa", 3600, Issue));
    }

    [Fact]
    public async Task LongLivedToken_IsRenewedAfterADay()
    {
        var cache = new ServiceAccountTokenCache(_time);
        var issued = 0;
        Task<string> Issue() => Task.FromResult($"t{++issued}");

        await cache.GetAsync("k", 7 * 24 * 3600, Issue);
        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal("t1", await cache.GetAsync("k", 7 * 24 * 3600, Issue));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("t2", await cache.GetAsync("k", 7 * 24 * 3600, Issue));
    }
}
