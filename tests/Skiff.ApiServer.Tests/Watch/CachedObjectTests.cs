using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Watch;

namespace Skiff.ApiServer.Tests.Watch;

public sealed class CachedObjectTests
{
    private const string Stored =
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p\u00e9","labels":{"a":"<b>&\"q\"\\"}},"spec":{"n":1.0,"big":12345678901234567890,"list":[{"x":[1,2,{"y":null}]},"\ud83d\ude00"]},"status":{}}""";

    [Fact]
    public void Json_IsTheEncodingOfTheWholeObject_BeforeAndAfterTheObjectIsRead()
    {
        var parsed = JsonNode.Parse(Stored)!.AsObject();
        parsed["metadata"]!["resourceVersion"] = "7";
        var cached = new CachedObject("/pods/default/p", "default", parsed, 7);
        var expected = ExpectedEncoding();

        Assert.Equal(expected, Encoding.UTF8.GetString(cached.Json));
        Assert.Equal("7", (string?)cached.Object["metadata"]!["resourceVersion"]);
        Assert.Equal(expected, cached.Object.ToJsonString(Skiff.ApiServer.Registry.Json.Compact));
        Assert.Equal(expected, Encoding.UTF8.GetString(cached.Json));
    }

    [Fact]
    public async Task Object_ReadByManyThreadsAtOnce_IsOneFullyBuiltDocument()
    {
        var cached = new CachedObject("/pods/default/p", "default", JsonNode.Parse(Stored)!.AsObject(), 7);
        var seen = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => cached.Object["spec"]!["list"]![0]!["x"]![2]!["y"])));
        Assert.All(seen, Assert.Null);
        Assert.Same(cached.Object, cached.Object);
    }

    private static string ExpectedEncoding()
    {
        // Every node built first, as readers of a shared object see it.
        var full = JsonNode.Parse(Stored)!.AsObject();
        full["metadata"]!["resourceVersion"] = "7";
        Touch(full);
        return JsonSerializer.Serialize(full, Skiff.ApiServer.Registry.Json.Compact);
    }

    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    Touch(v);
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    Touch(v);
                }

                break;
        }
    }
}
