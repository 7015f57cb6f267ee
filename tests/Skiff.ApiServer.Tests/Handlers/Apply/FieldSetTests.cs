using System.Text.Json.Nodes;
using Skiff.ApiServer.Handlers.Apply;

namespace Skiff.ApiServer.Tests.Handlers.Apply;

public sealed class FieldSetTests
{
    private static string J(string singleQuoted) => singleQuoted.Replace('\'', '"');

    private static FieldSet Set(string singleQuoted) => FieldSet.Parse(J(singleQuoted));

    private const string ClientSideApplyDeployment =
        """{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}}}}}}""";

    private const string ControllerStatus =
        """{"f:metadata":{"f:annotations":{"f:deployment.kubernetes.io/revision":{}}},"f:status":{"f:availableReplicas":{},"f:conditions":{".":{},"k:{\"type\":\"Available\"}":{".":{},"f:lastTransitionTime":{},"f:lastUpdateTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{},"f:replicas":{}}}""";

    private const string Finalizers = """{"f:metadata":{"f:finalizers":{".":{},"v:\"kubernetes.io/pvc-protection\"":{}}}}""";

    [Theory]
    [InlineData(ClientSideApplyDeployment)]
    [InlineData(ControllerStatus)]
    [InlineData(Finalizers)]
    [InlineData("{}")]
    public void ParseThenSerialize_UpstreamFieldsV1_RoundTripsByteForByte(string fieldsV1)
    {
        Assert.Equal(fieldsV1, FieldSet.Parse(fieldsV1).ToJsonString());
    }

    [Theory]
    [InlineData("{'f:spec':{},'f:metadata':{}}", "{'f:metadata':{},'f:spec':{}}")]
    [InlineData("{'i:0':{},'v:1':{},'k:{\\'a\\':1}':{},'f:z':{}}", "{'f:z':{},'k:{\\'a\\':1}':{},'v:1':{},'i:0':{}}")]
    [InlineData("{'v:true':{},'v:\\'a\\'':{},'v:10':{},'v:2':{}}", "{'v:2':{},'v:10':{},'v:\\'a\\'':{},'v:true':{}}")]
    [InlineData("{'i:10':{},'i:2':{}}", "{'i:2':{},'i:10':{}}")]
    [InlineData("{'k:{\\'protocol\\':\\'TCP\\',\\'containerPort\\':80}':{}}", "{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{}}")]
    [InlineData("{'f:a':{'f:b':{},'.':{}}}", "{'f:a':{'.':{},'f:b':{}}}")]
    [InlineData("{'x:future':{},'f:a':{}}", "{'f:a':{}}")]
    [InlineData("{'f:a':{'x:future':{}}}", "{'f:a':{}}")]
    public void Serialize_UsesUpstreamOrderAndSpelling(string input, string expected)
    {
        Assert.Equal(J(expected), Set(input).ToJsonString());
    }

    [Fact]
    public void Serialize_ValueWithHtmlCharacters_IsEscapedAsGoEscapes()
    {
        var set = FieldSet.Of([PathElement.Field("metadata"), PathElement.Field("finalizers"), PathElement.ValueOf(JsonValue.Create("a<b&c"))]);

        Assert.Equal("""{"f:metadata":{"f:finalizers":{"v:\"a\\u003cb\\u0026c\"":{}}}}""", set.ToJsonString());
        Assert.Equal(set, FieldSet.Parse(set.ToJsonString()));
    }

    [Theory]
    [InlineData("{'f':{}}")]
    [InlineData("{'fx':{}}")]
    [InlineData("{'k:notjson':{}}")]
    [InlineData("{'k:[1]':{}}")]
    [InlineData("{'i:x':{}}")]
    [InlineData("{'f:a':1}")]
    [InlineData("[]")]
    public void Parse_MalformedFieldsV1_Throws(string input)
    {
        Assert.Throws<FormatException>(() => Set(input));
    }

    [Theory]
    [InlineData("f:spec", false)]
    [InlineData("f:spec/f:replicas", true)]
    [InlineData("f:spec/f:template/f:spec/f:containers/k:{'name':'nginx'}", true)]
    [InlineData("f:spec/f:template/f:spec/f:containers/k:{'name':'nginx'}/f:image", true)]
    [InlineData("f:spec/f:template/f:spec/f:containers/k:{'name':'other'}/f:image", false)]
    [InlineData("f:spec/f:template/f:spec/f:containers/k:{'name':'nginx'}/f:ports/k:{'protocol':'TCP','containerPort':80}/f:protocol", true)]
    [InlineData("f:metadata/f:annotations", true)]
    [InlineData("f:metadata/f:labels", false)]
    public void Has_IsTrueOnlyForMembers(string path, bool expected)
    {
        var steps = path.Split('/').Select(s => PathElement.Parse(J(s))!).ToList();

        Assert.Equal(expected, FieldSet.Parse(ClientSideApplyDeployment).Has(steps));
    }

    [Fact]
    public void Insert_BuildsTheSameSetAsParsing()
    {
        var set = FieldSet.Of(
            [PathElement.Field("spec"), PathElement.Field("replicas")],
            [PathElement.Field("metadata"), PathElement.Field("labels")],
            [PathElement.Field("metadata"), PathElement.Field("labels"), PathElement.Field("app")]);

        Assert.Equal(J("{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:replicas':{}}}"), set.ToJsonString());
    }

    [Fact]
    public void Paths_ListsEveryMemberInOrder()
    {
        var paths = Set("{'f:b':{},'f:a':{'.':{},'f:x':{}}}").Paths().Select(p => string.Join("/", p)).ToList();

        Assert.Equal(["f:a", "f:a/f:x", "f:b"], paths);
    }

    public static TheoryData<string, string, string, string, string, string> SetAlgebra => new()
    {
        {
            "{'f:a':{},'f:b':{'f:x':{}}}",
            "{'f:b':{'f:y':{}},'f:c':{}}",
            "{'f:a':{},'f:b':{'f:x':{},'f:y':{}},'f:c':{}}",
            "{}",
            "{'f:a':{},'f:b':{'f:x':{}}}",
            "{'f:a':{},'f:b':{'f:x':{}}}"
        },
        {
            "{'f:a':{'.':{},'f:x':{}},'f:b':{}}",
            "{'f:a':{}}",
            "{'f:a':{'.':{},'f:x':{}},'f:b':{}}",
            "{'f:a':{}}",
            "{'f:a':{'f:x':{}},'f:b':{}}",
            "{'f:b':{}}"
        },
        {
            "{'f:l':{'k:{\\'n\\':1}':{'.':{},'f:v':{}},'k:{\\'n\\':2}':{}}}",
            "{'f:l':{'k:{\\'n\\':1}':{'f:v':{}}}}",
            "{'f:l':{'k:{\\'n\\':1}':{'.':{},'f:v':{}},'k:{\\'n\\':2}':{}}}",
            "{'f:l':{'k:{\\'n\\':1}':{'f:v':{}}}}",
            "{'f:l':{'k:{\\'n\\':1}':{},'k:{\\'n\\':2}':{}}}",
            "{'f:l':{'k:{\\'n\\':1}':{},'k:{\\'n\\':2}':{}}}"
        },
        {
            "{'f:s':{'v:1':{},'v:2':{}}}",
            "{'f:s':{'v:2.0':{},'v:3':{}}}",
            "{'f:s':{'v:1':{},'v:2.0':{},'v:3':{}}}",
            "{'f:s':{'v:2':{}}}",
            "{'f:s':{'v:1':{}}}",
            "{'f:s':{'v:1':{}}}"
        },
    };

    [Theory]
    [MemberData(nameof(SetAlgebra))]
    public void SetOperations_MatchUpstreamSemantics(
        string left, string right, string union, string intersection, string difference, string recursiveDifference)
    {
        var l = Set(left);
        var r = Set(right);

        Assert.Equal(J(union), l.Union(r).ToJsonString());
        Assert.Equal(J(intersection), l.Intersection(r).ToJsonString());
        Assert.Equal(J(difference), l.Difference(r).ToJsonString());
        Assert.Equal(J(recursiveDifference), l.RecursiveDifference(r).ToJsonString());
    }

    [Fact]
    public void Difference_OfASetWithItself_IsEmpty()
    {
        var set = FieldSet.Parse(ClientSideApplyDeployment);

        Assert.True(set.Difference(set).IsEmpty);
        Assert.Equal(set, set.Union(FieldSet.Empty));
        Assert.Equal(set, set.Intersection(set));
    }

    [Fact]
    public void Union_OfTwoManagers_CoversBoth()
    {
        var union = FieldSet.Parse(ClientSideApplyDeployment).Union(FieldSet.Parse(ControllerStatus));

        Assert.True(union.Has([PathElement.Field("status"), PathElement.Field("replicas")]));
        Assert.True(union.Has([PathElement.Field("spec"), PathElement.Field("replicas")]));
        Assert.True(union.Has([PathElement.Field("metadata"), PathElement.Field("annotations"), PathElement.Field("deployment.kubernetes.io/revision")]));
    }
}
