using Skiff.HollowNodes.Nodes;

namespace Skiff.HollowNodes.Tests.Nodes;

public sealed class DurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h1m1s", 3_661_000)]
    public void Parse_ReadsGoStyleDurations(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Duration.Parse("--startup-delay", text));

    [Theory]
    [InlineData("5")]
    [InlineData("soon")]
    [InlineData("1s2")]
    [InlineData("-1s")]
    public void Parse_BadInput_NamesTheFlag(string text)
    {
        var e = Assert.Throws<OptionException>(() => Duration.Parse("--startup-delay", text));

        Assert.StartsWith("--startup-delay: ", e.Message, StringComparison.Ordinal);
    }
}
