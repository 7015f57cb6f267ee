using System.Text.Json.Nodes;
using Skiff.Api.Selectors;

namespace Skiff.Api.Tests.Selectors;

public sealed class LabelSelectorTests
{
    private const string NamePartError =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    [Theory]
    [InlineData("", "")]
    [InlineData("x=a", "x=a")]
    [InlineData("x==a", "x==a")]
    [InlineData("x!=a", "x!=a")]
    [InlineData(" x = a , y != b ", "x=a,y!=b")]
    [InlineData("z,x=a", "x=a,z")]
    [InlineData("!x", "!x")]
    [InlineData("x in (b,a)", "x in (a,b)")]
    [InlineData("x notin (a)", "x notin (a)")]
    [InlineData("x in (a,,b)", "x in (,a,b)")]
    [InlineData("x in ()", "x in ()")]
    [InlineData("x in (in,notin)", "x in (in,notin)")]
    [InlineData("x>1,y<3", "x>1,y<3")]
    [InlineData("x=", "x=")]
    [InlineData("example.com/app=web", "example.com/app=web")]
    [InlineData("x in(a),y", "x in (a),y")]
    public void Parse_AcceptsUpstreamSyntax(string text, string canonical)
    {
        Assert.Equal(canonical, LabelSelector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("x=a y=b", "found 'y', expected: ',' or 'end of string'")]
    [InlineData("x==a==b", "found '==', expected: ',' or 'end of string'")]
    [InlineData("!x=a", "found '=', expected: ',' or 'end of string'")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("a,", "found '', expected: identifier after ','")]
    [InlineData("x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("x in (", "unable to parse requirement: found '', expected: ',', ')' or identifier")]
    [InlineData("x in a", "unable to parse requirement: found 'a' expected: '('")]
    [InlineData("x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'")]
    [InlineData("x=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("-x=a", "unable to parse requirement: <nil>: Invalid value: \"-x\": " + NamePartError)]
    [InlineData("app:web", "unable to parse requirement: <nil>: Invalid value: \"app:web\": " + NamePartError)]
    [InlineData("x=-a", "unable to parse requirement: values[0][x]: Invalid value: \"-a\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData("x<-1", "unable to parse requirement: values[0][x]: Invalid value: \"-1\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    public void Parse_RejectsWithUpstreamMessage(string text, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "a=b", true)]
    [InlineData("a=b", "a=b", true)]
    [InlineData("a==b", "a=c", false)]
    [InlineData("a=b", "", false)]
    [InlineData("a!=b", "", true)]
    [InlineData("a!=b", "a=b", false)]
    [InlineData("a!=b", "a=c", true)]
    [InlineData("a", "a=", true)]
    [InlineData("a", "b=c", false)]
    [InlineData("!a", "b=c", true)]
    [InlineData("!a", "a=x", false)]
    [InlineData("a in (x,y)", "a=y", true)]
    [InlineData("a in (x,y)", "b=y", false)]
    [InlineData("a notin (x,y)", "b=y", true)]
    [InlineData("a notin (x,y)", "a=x", false)]
    [InlineData("a in ()", "a=", true)]
    [InlineData("a>5", "a=6", true)]
    [InlineData("a>5", "a=5", false)]
    [InlineData("a>5", "a=x", false)]
    [InlineData("a>5", "", false)]
    [InlineData("a<5", "a=-1", true)]
    [InlineData("a=b,c!=d", "a=b,c=e", true)]
    [InlineData("a=b,c!=d", "a=b,c=d", false)]
    public void Matches_FollowsUpstreamSemantics(string selector, string labels, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels(labels)));
    }

    [Theory]
    [InlineData("""{}""", "a=b", true)]
    [InlineData("""{"matchLabels":{}}""", "", true)]
    [InlineData("""{"matchLabels":{"app":"web"}}""", "app=web,x=y", true)]
    [InlineData("""{"matchLabels":{"app":"web"}}""", "app=db", false)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]}]}""", "tier=b", true)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["a"]}]}""", "tier=a", false)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"Exists"}]}""", "tier=", true)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"DoesNotExist"}]}""", "tier=x", false)]
    [InlineData("""{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["fe"]}]}""", "app=web,tier=fe", true)]
    public void FromJson_MatchesLikeUpstream(string json, string labels, bool expected)
    {
        Assert.Equal(expected, LabelSelector.FromJson(JsonNode.Parse(json)).Matches(Labels(labels)));
    }

    [Fact]
    public void FromJson_Null_MatchesNothing()
    {
        var selector = LabelSelector.FromJson(null);

        Assert.True(selector.IsNothing);
        Assert.False(selector.Matches(Labels("")));
        Assert.True(LabelSelector.FromJson(new JsonObject()).IsEverything);
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Gt","values":["1"]}]}""", "\"Gt\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In"}]}""", "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}""", "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""", "values: Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist")]
    [InlineData("""{"matchLabels":{"-a":"b"}}""", "key: Invalid value: \"-a\": " + NamePartError)]
    public void FromJson_RejectsWithUpstreamMessage(string json, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => LabelSelector.FromJson(JsonNode.Parse(json)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void TryParse_ReportsErrorWithoutThrowing()
    {
        Assert.False(LabelSelector.TryParse("x in", out _, out var error));
        Assert.Equal("unable to parse requirement: found '' expected: '('", error);
        Assert.True(LabelSelector.TryParse("a=b", out var selector, out _));
        Assert.Equal("a", selector.Requirements.Single().Key);
    }

    [Fact]
    public void FromMatchLabels_RequiresEveryLabel()
    {
        var selector = LabelSelector.FromMatchLabels(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });

        Assert.Equal("a=1,b=2", selector.ToString());
        Assert.True(selector.Matches(Labels("a=1,b=2,c=3")));
        Assert.False(selector.Matches(Labels("a=1")));
        Assert.True(LabelSelector.FromMatchLabels(new Dictionary<string, string>()).IsEverything);
    }

    [Fact]
    public void Matches_ReadsAnObjectsLabels()
    {
        var obj = JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}}}""")!.AsObject();

        Assert.True(LabelSelector.Parse("app=web").Matches(obj));
        Assert.False(LabelSelector.Parse("app=db").Matches(obj));
        Assert.True(LabelSelector.Parse("!app").Matches(new JsonObject()));
    }

    internal static Dictionary<string, string> Labels(string text) =>
        text.Length == 0
            ? []
            : text.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
