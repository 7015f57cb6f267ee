using Skiff.ApiServer.Printing;
using static Skiff.ApiServer.Tests.Printing.TestObjects;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class PartialObjectMetadataTests
{
    [Fact]
    public void ForObject_KeepsOnlyMetadata()
    {
        var pod = Json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'a':'b'}},'spec':{'containers':[]}}");

        var partial = PartialObjectMetadata.ForObject(pod, TableRequest.V1);

        Assert.Equal("{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":\"b\"}}}",
            partial.ToJsonString());
    }

    [Fact]
    public void ForList_WrapsItemsAndListMetadata()
    {
        var items = new[] { Json("{'metadata':{'name':'a'}}"), Json("{'metadata':{'name':'b'}}") };

        var list = PartialObjectMetadata.ForList(items, new ListMetadata("12", "next"), TableRequest.V1Beta1);

        Assert.Equal(
            "{\"kind\":\"PartialObjectMetadataList\",\"apiVersion\":\"meta.k8s.io/v1beta1\",\"metadata\":{\"resourceVersion\":\"12\",\"continue\":\"next\"}," +
            "\"items\":[{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1beta1\",\"metadata\":{\"name\":\"a\"}}," +
            "{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1beta1\",\"metadata\":{\"name\":\"b\"}}]}",
            list.ToJsonString());
    }

    [Fact]
    public void ForList_Empty_HasNullItemsAsUpstream()
    {
        var list = PartialObjectMetadata.ForList([], new ListMetadata("3"), TableRequest.V1);

        Assert.True(list.ContainsKey("items"));
        Assert.Null(list["items"]);
    }
}
