using System.Text;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;

namespace Skiff.ApiServer.Tests.Http;

public sealed class YamlJsonTests
{
    [Fact]
    public void ToJsonObject_PlainScalars_FollowYamlCoreSchema()
    {
        var yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: demo
              labels:
                version: "1"
            data:
              quoted: "true"
              number: 42
              flag: true
              nothing: null
              text: hello world
            """;

        var obj = YamlJson.ToJsonObject(Encoding.UTF8.GetBytes(yaml));

        Assert.Equal("1", obj["metadata"]!["labels"]!["version"]!.GetValue<string>());
        Assert.Equal("true", obj["data"]!["quoted"]!.GetValue<string>());
        Assert.Equal(42, obj["data"]!["number"]!.GetValue<long>());
        Assert.True(obj["data"]!["flag"]!.GetValue<bool>());
        Assert.Null(obj["data"]!["nothing"]);
        Assert.Equal("hello world", obj["data"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ToJsonObject_Malformed_IsBadRequest()
    {
        var e = Assert.Throws<ApiException>(() => YamlJson.ToJsonObject(Encoding.UTF8.GetBytes("a: [1, 2\nb: {")));
        Assert.Equal(400, e.Code);
    }

    [Fact]
    public void FromJson_RoundTripsThroughToJsonObject()
    {
        var original = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"a":"true","b":"","c":"x: y","d":"- dash"}},
             "spec":{"containers":[{"name":"c","image":"busybox","args":["sh","-c","echo 1"],"ports":[{"containerPort":80}]}],"x":[],"y":{}}}
            """)!.AsObject();

        var yaml = YamlJson.FromJson(original);
        var back = YamlJson.ToJsonObject(Encoding.UTF8.GetBytes(yaml));

        Assert.True(JsonNode.DeepEquals(original, back), yaml);
    }

    [Fact]
    public void ToJsonObject_AliasBomb_IsRefusedNotExpanded()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            yaml.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var e = Assert.Throws<ApiException>(() => YamlJson.ToJsonObject(Encoding.UTF8.GetBytes(yaml.ToString())));
        Assert.Equal(400, e.Code);
    }
}
