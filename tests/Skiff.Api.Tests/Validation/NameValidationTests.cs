using Skiff.Api.Validation;

namespace Skiff.Api.Tests.Validation;

public sealed class NameValidationTests
{
    private const string LabelRegexError =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string SubdomainRegexError =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string Dns1035RegexError =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private const string QualifiedNameRegexError =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string LabelValueRegexError =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [Theory]
    [InlineData("a")]
    [InlineData("abc-123")]
    [InlineData("0")]
    [InlineData("123-abc")]
    public void IsDns1123Label_AcceptsValidLabels(string value) => Assert.Empty(NameValidation.IsDns1123Label(value));

    [Theory]
    [InlineData("Abc", LabelRegexError)]
    [InlineData("-abc", LabelRegexError)]
    [InlineData("abc-", LabelRegexError)]
    [InlineData("", LabelRegexError)]
    [InlineData("abc\n", LabelRegexError)]
    [InlineData("a.b", "must not contain dots")]
    public void IsDns1123Label_RejectsWithUpstreamMessage(string value, string expected) =>
        Assert.Equal([expected], NameValidation.IsDns1123Label(value));

    [Fact]
    public void IsDns1123Label_ReportsLengthBeyond63()
    {
        Assert.Empty(NameValidation.IsDns1123Label(new string('a', 63)));
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDns1123Label(new string('a', 64)));
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("a")]
    [InlineData("my-app.v2")]
    public void IsDns1123Subdomain_AcceptsValidNames(string value) => Assert.Empty(NameValidation.IsDns1123Subdomain(value));

    [Theory]
    [InlineData("Example.com")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a_b")]
    public void IsDns1123Subdomain_RejectsWithUpstreamMessage(string value) =>
        Assert.Equal([SubdomainRegexError], NameValidation.IsDns1123Subdomain(value));

    [Fact]
    public void IsDns1123Subdomain_ReportsLengthBeyond253()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 50), 6));

        Assert.Equal(["must be no more than 253 characters"], NameValidation.IsDns1123Subdomain(name));
    }

    [Theory]
    [InlineData("my-svc", true)]
    [InlineData("a1", true)]
    [InlineData("1abc", false)]
    [InlineData("my.svc", false)]
    public void IsDns1035Label_RequiresLeadingLetter(string value, bool valid)
    {
        var errors = NameValidation.IsDns1035Label(value);

        Assert.Equal(valid ? [] : [Dns1035RegexError], errors);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("App_Name.v1")]
    [InlineData("example.com/app")]
    [InlineData("kubernetes.io/hostname")]
    public void IsQualifiedName_AcceptsValidKeys(string value) => Assert.Empty(NameValidation.IsQualifiedName(value));

    [Theory]
    [InlineData("-app", QualifiedNameRegexError)]
    [InlineData("/app", "prefix part must be non-empty")]
    [InlineData("Example.com/app", "prefix part " + SubdomainRegexError)]
    public void IsQualifiedName_RejectsWithUpstreamMessage(string value, string expected) =>
        Assert.Equal([expected], NameValidation.IsQualifiedName(value));

    [Fact]
    public void IsQualifiedName_ReportsEmptyNameTwice()
    {
        Assert.Equal(["name part must be non-empty", QualifiedNameRegexError], NameValidation.IsQualifiedName("example.com/"));
    }

    [Fact]
    public void IsQualifiedName_RejectsMoreThanOneSlash()
    {
        var error = Assert.Single(NameValidation.IsQualifiedName("a/b/c"));

        Assert.Equal(
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            error);
    }

    [Fact]
    public void IsQualifiedName_ReportsLongNamePart()
    {
        Assert.Equal(["name part must be no more than 63 characters"], NameValidation.IsQualifiedName(new string('a', 64)));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("v1.2_x-y", true)]
    [InlineData("-x", false)]
    [InlineData("a b", false)]
    public void IsValidLabelValue_AllowsEmpty(string value, bool valid)
    {
        Assert.Equal(valid ? [] : [LabelValueRegexError], NameValidation.IsValidLabelValue(value));
    }

    [Theory]
    [InlineData("my-pod-", true)]
    [InlineData("web-", true)]
    [InlineData("a-", true)]
    [InlineData("Web-", false)]
    public void NameIsDnsSubdomain_WithPrefix_AllowsTrailingDash(string generateName, bool valid)
    {
        Assert.Equal(valid, NameValidation.NameIsDnsSubdomain(generateName, true).Count == 0);
    }

    [Theory]
    [InlineData("system:node", false, new string[0])]
    [InlineData("..", false, new[] { "may not be '..'" })]
    [InlineData(".", false, new[] { "may not be '.'" })]
    [InlineData("a/b%c", false, new[] { "may not contain '/'", "may not contain '%'" })]
    [InlineData("..", true, new string[0])]
    public void IsValidPathSegmentName_MatchesUpstream(string name, bool prefix, string[] expected)
    {
        Assert.Equal(expected, NameValidation.IsValidPathSegmentName(name, prefix));
    }

    [Theory]
    [InlineData("", "namespaces", "my.ns", false)]
    [InlineData("", "services", "1svc", false)]
    [InlineData("", "pods", "my.pod", true)]
    [InlineData("rbac.authorization.k8s.io", "clusterroles", "system:controller:x", true)]
    public void NameRules_PickUpstreamsRulePerResource(string group, string resource, string name, bool valid)
    {
        Assert.Equal(valid, NameRules.For(group, resource)(name, false).Count == 0);
    }
}
