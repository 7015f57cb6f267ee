using System.Text.Json.Nodes;
using Skiff.Api.Quantities;

namespace Skiff.Api.Tests.Quantities;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("100m", "100m")]
    [InlineData("0.1", "100m")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1000", "1k")]
    [InlineData("1024", "1024")]
    [InlineData("1500", "1500")]
    [InlineData("1000m", "1")]
    [InlineData("1Ki", "1Ki")]
    [InlineData("1024Ki", "1Mi")]
    [InlineData("1000Mi", "1000Mi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("1.5Ki", "1536")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1536Mi", "1536Mi")]
    [InlineData("1e3", "1e3")]
    [InlineData("1E3", "1e3")]
    [InlineData("1.5e3", "1500")]
    [InlineData("12e6", "12e6")]
    [InlineData("1e-3", "1e-3")]
    [InlineData("5n", "5n")]
    [InlineData("0.1n", "1n")]
    [InlineData("1u", "1u")]
    [InlineData("1000u", "1m")]
    [InlineData("128974848", "128974848")]
    [InlineData("129e6", "129e6")]
    [InlineData("129M", "129M")]
    [InlineData("123Mi", "123Mi")]
    [InlineData("-1", "-1")]
    [InlineData("-100m", "-100m")]
    [InlineData("-1Gi", "-1Gi")]
    [InlineData("+5", "5")]
    [InlineData("007", "7")]
    [InlineData("1.", "1")]
    [InlineData(".5", "500m")]
    [InlineData("1.G", "1G")]
    [InlineData("-", "0")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("1E", "1E")]
    [InlineData("9E", "9E")]
    [InlineData("10E", "9223372036854775807")]
    [InlineData("100E", "9223372036854775807")]
    [InlineData("1e100", "9223372036854775807")]
    public void Parse_PrintsUpstreamCanonicalForm(string text, string canonical)
    {
        Assert.Equal(canonical, Quantity.Parse(text).ToString());
    }

    [Theory]
    [InlineData("", QuantityFormatException.FormatWrong)]
    [InlineData("abc", QuantityFormatException.FormatWrong)]
    [InlineData("1.5.5", QuantityFormatException.FormatWrong)]
    [InlineData("1 Gi", QuantityFormatException.FormatWrong)]
    [InlineData("1Gb", QuantityFormatException.FormatWrong)]
    [InlineData("1K", QuantityFormatException.Suffix)]
    [InlineData("1e", QuantityFormatException.Suffix)]
    [InlineData("1Ki5", QuantityFormatException.Suffix)]
    [InlineData("1mi", QuantityFormatException.Suffix)]
    public void Parse_RejectsWithUpstreamMessage(string text, string message)
    {
        var error = Assert.Throws<QuantityFormatException>(() => Quantity.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("1", 1, 1000)]
    [InlineData("100m", 1, 100)]
    [InlineData("1500m", 2, 1500)]
    [InlineData("1Ki", 1024, 1024000)]
    [InlineData("0.1m", 1, 1)]
    [InlineData("-1500m", -2, -1500)]
    [InlineData("5n", 1, 1)]
    public void ValueAndMilliValue_RoundUpAwayFromZero(string text, long value, long milli)
    {
        var q = Quantity.Parse(text);

        Assert.Equal(value, q.Value());
        Assert.Equal(milli, q.MilliValue());
    }

    [Theory]
    [InlineData("1Ki", "1024", 0)]
    [InlineData("1", "1000m", 0)]
    [InlineData("100m", "0.2", -1)]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("-1", "0", -1)]
    public void CompareTo_ComparesAmountsNotSpelling(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(Quantity.Parse(a).CompareTo(Quantity.Parse(b))));
        Assert.Equal(expected == 0, Quantity.Parse(a) == Quantity.Parse(b));
    }

    [Theory]
    [InlineData("100m", "200m", "300m")]
    [InlineData("1Gi", "1Gi", "2Gi")]
    [InlineData("1", "500m", "1500m")]
    [InlineData("0", "1Ki", "1Ki")]
    [InlineData("1Ki", "1", "1025")]
    public void Add_KeepsReceiversFormat(string a, string b, string sum)
    {
        Assert.Equal(sum, (Quantity.Parse(a) + Quantity.Parse(b)).ToString());
    }

    [Theory]
    [InlineData("1", "300m", "700m")]
    [InlineData("2Gi", "1Gi", "1Gi")]
    [InlineData("100m", "200m", "-100m")]
    public void Subtract_IsExact(string a, string b, string difference)
    {
        Assert.Equal(difference, (Quantity.Parse(a) - Quantity.Parse(b)).ToString());
    }

    [Theory]
    [InlineData("\"250m\"", "250m")]
    [InlineData("2", "2")]
    [InlineData("0.5", "500m")]
    public void FromJson_AcceptsStringsAndNumbers(string json, string expected)
    {
        Assert.Equal(expected, Quantity.FromJson(JsonNode.Parse(json)!).ToString());
    }

    [Fact]
    public void FromMilliAndFromUnits_BuildExactValues()
    {
        Assert.Equal("250m", Quantity.FromMilli(250).ToString());
        Assert.Equal("2Gi", Quantity.FromUnits(2L << 30, QuantityFormat.BinarySI).ToString());
        Assert.True(Quantity.Zero.IsZero);
    }

    [Fact]
    public void Canonicalize_RespellsLikeUpstream()
    {
        Assert.Equal("512Mi", Quantity.Canonicalize("0.5Gi"));
        Assert.False(Quantity.TryParse("x", out _));
    }
}
