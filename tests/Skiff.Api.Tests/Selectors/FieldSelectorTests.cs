using Skiff.Api.Selectors;

namespace Skiff.Api.Tests.Selectors;

public sealed class FieldSelectorTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    [InlineData("a==b", "a=b")]
    [InlineData("a!=b", "a!=b")]
    [InlineData("b=2,a=1", "a=1,b=2")]
    [InlineData("a=", "a=")]
    [InlineData("a=b,", "a=b")]
    [InlineData(@"a=x\,y", @"a=x\,y")]
    [InlineData(@"a=x\=y\\z", @"a=x\=y\\z")]
    [InlineData("spec.nodeName=node-1,status.phase!=Running", "spec.nodeName=node-1,status.phase!=Running")]
    public void Parse_RoundTripsCanonicalForm(string text, string canonical)
    {
        Assert.Equal(canonical, FieldSelector.Parse(text).ToString());
    }

    [Theory]
    [InlineData(@"a=x\,y", "a", "x,y")]
    [InlineData(@"a=x\=y", "a", "x=y")]
    [InlineData(@"a=x\\", "a", @"x\")]
    [InlineData("a!=b=", null, null)]
    public void Parse_UnescapesValues(string text, string? field, string? value)
    {
        if (field is null)
        {
            Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(text));
            return;
        }

        var requirement = Assert.Single(FieldSelector.Parse(text).Requirements);
        Assert.Equal((field, value), (requirement.Field, requirement.Value));
    }

    [Theory]
    [InlineData("a", "invalid selector: 'a'; can't understand 'a'")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: =")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    public void Parse_RejectsWithUpstreamMessage(string text, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("a=b", "a=b", true)]
    [InlineData("a=b", "a=c", false)]
    [InlineData("a!=b", "a=c", true)]
    [InlineData("a!=b", "", true)]
    [InlineData("a=", "", true)]
    [InlineData("a=b", "", false)]
    [InlineData("a=b,c!=d", "a=b,c=e", true)]
    [InlineData("a=b,c!=d", "a=b,c=d", false)]
    [InlineData("", "a=b", true)]
    public void Matches_TreatsMissingFieldsAsEmpty(string selector, string fields, bool expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(LabelSelectorTests.Labels(fields)));
    }

    [Fact]
    public void RequiresExactMatch_FindsEqualityTerms()
    {
        var selector = FieldSelector.Parse("spec.nodeName=n1,status.phase!=Failed");

        Assert.True(selector.RequiresExactMatch("spec.nodeName", out var node));
        Assert.Equal("n1", node);
        Assert.False(selector.RequiresExactMatch("status.phase", out _));
    }

    [Fact]
    public void EscapeValue_IsUndoneByUnescapeValue()
    {
        const string value = @"a,b=c\d";

        Assert.Equal(value, FieldSelector.UnescapeValue(FieldSelector.EscapeValue(value)));
    }
}
