using Skiff.ApiServer.Printing;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-3, "<invalid>")]
    [InlineData(-2, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(5 * 60 + 30, "5m30s")]
    [InlineData(9 * 60 + 59, "9m59s")]
    [InlineData(10 * 60 + 30, "10m")]
    [InlineData(179 * 60, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 10 * 60, "3h10m")]
    [InlineData(7 * 3600 + 59 * 60, "7h59m")]
    [InlineData(8 * 3600 + 30 * 60, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(52 * 3600, "2d4h")]
    [InlineData(7 * 86400 + 23 * 3600, "7d23h")]
    [InlineData(8 * 86400 + 5 * 3600, "8d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(735 * 86400, "2y5d")]
    [InlineData(8 * 365 * 86400 + 100 * 86400, "8y")]
    public void Format_MatchesUpstreamHumanDuration(long seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Format_TruncatesFractionalSecondsTowardZero()
    {
        Assert.Equal("1s", HumanDuration.Format(TimeSpan.FromMilliseconds(1999)));
        Assert.Equal("0s", HumanDuration.Format(TimeSpan.FromMilliseconds(-1999)));
    }

    [Fact]
    public void Since_WithoutTimestamp_IsUnknown()
    {
        Assert.Equal("<unknown>", HumanDuration.Since(null, TestObjects.Now));
        Assert.Equal("3h", HumanDuration.Since(TestObjects.Now.AddHours(-3), TestObjects.Now));
    }
}
