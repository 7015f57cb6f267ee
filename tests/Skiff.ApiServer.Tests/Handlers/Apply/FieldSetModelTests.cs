using System.Text.Json.Nodes;
using k8s.Models;
using Skiff.ApiServer.Handlers.Apply;

namespace Skiff.ApiServer.Tests.Handlers.Apply;

/// <summary>
/// The array-based field set against the plainest model of one: a set of paths, each path its steps' spellings.
/// Union, intersection and difference are then set operations on paths, and a recursive difference also drops the
/// paths below a removed one, which is what the set built of sorted sets and dictionaries computed.
/// </summary>
public sealed class FieldSetModelTests
{
    private static string J(string singleQuoted) => singleQuoted.Replace('\'', '"');

    private static readonly string[] s_sets =
    [
        "{}",
        "{'f:a':{}}",
        "{'f:a':{'.':{},'f:x':{}},'f:b':{}}",
        "{'f:a':{'f:x':{},'f:y':{'f:z':{}}},'f:c':{}}",
        "{'f:a':{'f:y':{'.':{},'f:z':{}}},'f:b':{'f:q':{}}}",
        "{'f:l':{'.':{},'k:{\\'n\\':1}':{'.':{},'f:v':{}},'k:{\\'n\\':2}':{}}}",
        "{'f:l':{'k:{\\'n\\':1}':{'f:v':{},'f:w':{}},'k:{\\'n\\':3}':{}}}",
        "{'f:s':{'v:1':{},'v:2':{},'v:\\'x\\'':{}},'f:a':{}}",
        "{'f:s':{'v:2.0':{},'v:3':{}},'f:i':{'i:0':{},'i:2':{}}}",
        "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:replicas':{},'f:template':{'f:spec':{'f:containers':{'k:{\\'name\\':\\'c\\'}':{'.':{},'f:image':{}}}}}}}",
        "{'f:metadata':{'f:labels':{'f:app':{},'f:tier':{}}},'f:spec':{'f:template':{'f:spec':{'f:containers':{'k:{\\'name\\':\\'c\\'}':{'f:image':{},'f:name':{}}}}}},'f:status':{}}",
    ];

    public static TheoryData<int, int> Pairs()
    {
        var data = new TheoryData<int, int>();
        for (var i = 0; i < s_sets.Length; i++)
        {
            for (var j = 0; j < s_sets.Length; j++)
            {
                data.Add(i, j);
            }
        }

        return data;
    }

    private static FieldSet Set(int i) => FieldSet.Parse(J(s_sets[i]));

    /// <summary>Each path once, with steps spelled as managedFields spells them; numbers that are equal share one spelling.</summary>
    private static HashSet<string> Model(FieldSet set) => set.Paths().Select(Key).ToHashSet();

    private static string Key(IReadOnlyList<PathElement> path) => string.Join("/", path.Select(s => s.ToString().Replace("2.0", "2", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Pairs))]
    public void SetOperations_MatchTheSetOfPaths(int left, int right)
    {
        var l = Model(Set(left));
        var r = Model(Set(right));

        Assert.Equal(l.Union(r).Order(StringComparer.Ordinal), Model(Set(left).Union(Set(right))).Order(StringComparer.Ordinal));
        Assert.Equal(l.Intersect(r).Order(StringComparer.Ordinal), Model(Set(left).Intersection(Set(right))).Order(StringComparer.Ordinal));
        Assert.Equal(l.Except(r).Order(StringComparer.Ordinal), Model(Set(left).Difference(Set(right))).Order(StringComparer.Ordinal));
        var recursive = l.Where(p => !r.Any(q => p == q || p.StartsWith(q + "/", StringComparison.Ordinal)));
        Assert.Equal(recursive.Order(StringComparer.Ordinal), Model(Set(left).RecursiveDifference(Set(right))).Order(StringComparer.Ordinal));
        Assert.Equal(l.SetEquals(r), Set(left).Equals(Set(right)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void SetOperations_RoundTripThroughFieldsV1(int left, int right)
    {
        foreach (var result in new[] { Set(left).Union(Set(right)), Set(left).Intersection(Set(right)), Set(left).Difference(Set(right)), Set(left).RecursiveDifference(Set(right)) })
        {
            var text = result.ToJsonString();
            Assert.Equal(text, result.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            Assert.Equal(result, FieldSet.Parse(text));
            Assert.Equal(text, FieldSet.Parse(text).ToJsonString());
        }
    }

    [Fact]
    public void Of_PathsInAnyOrder_BuildsTheParsedSet()
    {
        var paths = Set(9).Paths().ToList();
        paths.Reverse();

        Assert.Equal(J(s_sets[9]), FieldSet.Of([.. paths]).ToJsonString());
    }

    [Fact]
    public void Of_EqualStepsSpelledDifferently_KeepsTheFirstSpelling()
    {
        var two = PathElement.ValueOf(JsonValue.Create(2));
        var twoPointZero = PathElement.ValueOf(JsonNode.Parse("2.0"));
        var set = FieldSet.Of([PathElement.Field("s"), twoPointZero], [PathElement.Field("s"), two]);

        Assert.Equal(J("{'f:s':{'v:2.0':{}}}"), set.ToJsonString());
    }

    [Fact]
    public void Parse_EqualKeysSpelledDifferently_KeepsTheFirstKeyWithTheLastChildren()
    {
        var set = FieldSet.Parse(J("{'f:s':{'v:2':{'f:a':{}},'v:2.0':{'f:b':{}}}}"));

        Assert.Equal(J("{'f:s':{'v:2':{'f:b':{}}}}"), set.ToJsonString());
    }

    [Fact]
    public void Of_ManyStepsOutOfOrder_SortsThem()
    {
        var names = Enumerable.Range(0, 40).Select(i => ((i * 17) % 40).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var set = FieldSet.Of([.. names.Select(n => (IReadOnlyList<PathElement>)[PathElement.Field("m"), PathElement.Field(n)])]);

        Assert.Equal(names.Order(StringComparer.Ordinal).Select(n => "f:m/f:" + n), set.Paths().Select(p => string.Join("/", p)));
    }

    [Theory]
    [InlineData("{'metadata':{'name':'p','labels':{'a':'1'}},'spec':{'containers':[{'name':'c','image':'i','ports':[{'containerPort':80},{'containerPort':53,'protocol':'UDP'}]}],'securityContext':{}}}")]
    [InlineData("{'metadata':{'name':'p','finalizers':['x','y']},'spec':{'containers':[{'name':'c'},{'name':'c','image':'j'}]}}")]
    [InlineData("{'metadata':{'name':'p'},'spec':{'containers':null,'nodeSelector':{}}}")]
    [InlineData("{'metadata':{'name':'p'}}")]
    public void Create_WritesTheFieldsOfTheComparisonAgainstNothing(string pod)
    {
        var shape = ApplyShape.ForResource(typeof(V1Pod));
        var obj = JsonNode.Parse(J(pod))!.AsObject();
        var expected = FieldWalker.Compare(null, obj.Where(p => p.Key != "metadata").ToList(), shape).Added;
        var metadata = obj["metadata"]!.AsObject().Where(p => p.Key != "name").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToList();
        if (metadata.Count > 0)
        {
            expected = expected.Union(FieldSet.Of([.. FieldWalker.Compare(null, [KeyValuePair.Create<string, JsonNode?>("metadata", new JsonObject(metadata))], shape).Added.Paths()]));
        }

        new FieldManager(TimeProvider.System).RecordUpdate(null, obj, "creator", "v1", string.Empty, shape);

        var written = obj["metadata"]!["managedFields"]?[0]?["fieldsV1"];
        Assert.Equal(expected.IsEmpty ? null : expected.ToJsonString(), written is null ? null : FieldSet.Parse(written).ToJsonString());
        if (written is not null)
        {
            Assert.Equal(FieldSet.Parse(written).ToJson().ToJsonString(), written.ToJsonString());
        }
    }
}
