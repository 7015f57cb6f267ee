using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Printing;
using static Skiff.ApiServer.Tests.Printing.TestObjects;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class TableBuilderTests
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly TableBuilder Builder = new(new FixedTimeProvider(Now));

    private static readonly ITablePrinter Namespaces = BuiltInPrinters.For("", "Namespace");

    private static JsonObject Namespace(string name, string rv) => Json(
        $"{{'apiVersion':'v1','kind':'Namespace','metadata':{{'name':'{name}','uid':'u-{name}','resourceVersion':'{rv}','creationTimestamp':'{Ago(TimeSpan.FromMinutes(3))}'}},'status':{{'phase':'Active'}}}}");

    [Fact]
    public void ForList_ProducesUpstreamTableDocument()
    {
        var table = Builder.ForList(Namespaces, [Namespace("default", "5")], new ListMetadata("42"), new TableRequest(TableRequest.V1));

        var expected =
            "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"resourceVersion\":\"42\"}," +
            "\"columnDefinitions\":[" +
            $"{{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\",\"description\":{JsonSerializer.Serialize(ColumnDescriptions.ObjectMetaName, Readable)},\"priority\":0}}," +
            "{\"name\":\"Status\",\"type\":\"string\",\"format\":\"\",\"description\":\"The status of the namespace\",\"priority\":0}," +
            $"{{\"name\":\"Age\",\"type\":\"string\",\"format\":\"\",\"description\":{JsonSerializer.Serialize(ColumnDescriptions.ObjectMetaCreationTimestamp, Readable)},\"priority\":0}}]," +
            "\"rows\":[{\"cells\":[\"default\",\"Active\",\"3m\"],\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\"," +
            $"\"metadata\":{{\"name\":\"default\",\"uid\":\"u-default\",\"resourceVersion\":\"5\",\"creationTimestamp\":\"{Ago(TimeSpan.FromMinutes(3))}\"}}}}}}]}}";
        Assert.Equal(expected, table.ToJsonString(Readable));
    }

    [Fact]
    public void ForList_CopiesContinueAndRemainingItemCount()
    {
        var table = Builder.ForList(Namespaces, [], new ListMetadata("42", "token", 7), new TableRequest(TableRequest.V1));

        Assert.Equal("{\"resourceVersion\":\"42\",\"continue\":\"token\",\"remainingItemCount\":7}", table["metadata"]!.ToJsonString());
    }

    [Fact]
    public void ForList_WithoutListMetadata_HasEmptyMetadataObject()
    {
        var table = Builder.ForList(Namespaces, [], new ListMetadata(null), new TableRequest(TableRequest.V1));

        Assert.Equal("{}", table["metadata"]!.ToJsonString());
    }

    [Fact]
    public void ForList_EmptyListOfPrintedKind_HasEmptyRows()
    {
        var table = Builder.ForList(Namespaces, [], new ListMetadata("1"), new TableRequest(TableRequest.V1));

        Assert.Equal("[]", table["rows"]!.ToJsonString());
    }

    [Fact]
    public void ForList_EmptyListOfGenericKind_HasNullRowsAsUpstream()
    {
        var table = Builder.ForList(DefaultPrinter.Instance, [], new ListMetadata("1"), new TableRequest(TableRequest.V1));

        Assert.True(table.ContainsKey("rows"));
        Assert.Null(table["rows"]);
    }

    [Fact]
    public void ForList_V1Beta1_UsesThatVersionForTableAndPartialMetadata()
    {
        var table = Builder.ForList(Namespaces, [Namespace("a", "1")], new ListMetadata("2"), new TableRequest(TableRequest.V1Beta1));

        Assert.Equal("meta.k8s.io/v1beta1", table["apiVersion"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1beta1", table["rows"]![0]!["object"]!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void ForList_IncludeObjectNone_WritesNullObject()
    {
        var table = Builder.ForList(Namespaces, [Namespace("a", "1")], new ListMetadata("2"),
            new TableRequest(TableRequest.V1, IncludeObjectPolicy.None));

        Assert.Equal("{\"cells\":[\"a\",\"Active\",\"3m\"],\"object\":null}", table["rows"]![0]!.ToJsonString());
    }

    [Fact]
    public void ForList_IncludeObjectObject_EmbedsWholeObject()
    {
        var ns = Namespace("a", "1");

        var table = Builder.ForList(Namespaces, [ns], new ListMetadata("2"), new TableRequest(TableRequest.V1, IncludeObjectPolicy.Object));

        Assert.True(JsonNode.DeepEquals(ns, table["rows"]![0]!["object"]));
        Assert.NotSame(ns, table["rows"]![0]!["object"]);
    }

    [Fact]
    public void ForList_RowConditionsComeBetweenCellsAndObject()
    {
        var pod = Json($"{{'metadata':{{'name':'p','creationTimestamp':'{Ago(TimeSpan.FromMinutes(1))}'}},'spec':{{'containers':[{{'name':'c'}}]}},'status':{{'phase':'Succeeded'}}}}");

        var row = Builder.ForList(BuiltInPrinters.For("", "Pod"), [pod], new ListMetadata("2"),
            new TableRequest(TableRequest.V1, IncludeObjectPolicy.None))["rows"]![0]!.AsObject();

        Assert.Equal(["cells", "conditions", "object"], row.Select(p => p.Key));
    }

    [Fact]
    public void ForObject_TakesResourceVersionFromTheObject()
    {
        var table = Builder.ForObject(Namespaces, Namespace("a", "17"), new TableRequest(TableRequest.V1));

        Assert.Equal("{\"resourceVersion\":\"17\"}", table["metadata"]!.ToJsonString());
        Assert.Single(table["rows"]!.AsArray());
        Assert.Equal(3, table["columnDefinitions"]!.AsArray().Count);
    }

    [Fact]
    public void ForWatch_SendsColumnDefinitionsOnlyWithTheFirstEvent()
    {
        var encoder = Builder.ForWatch(Namespaces, new TableRequest(TableRequest.V1));

        var first = encoder.Encode(Namespace("a", "3"));
        var second = encoder.Encode(Namespace("b", "4"));

        Assert.Equal(3, first["columnDefinitions"]!.AsArray().Count);
        Assert.True(second.ContainsKey("columnDefinitions"));
        Assert.Null(second["columnDefinitions"]);
        Assert.Equal("4", second["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("b", second["rows"]![0]!["cells"]![0]!.GetValue<string>());
    }

    [Fact]
    public void ForWatch_PassesErrorStatusThroughAndStillDropsHeadersAfterIt()
    {
        var encoder = Builder.ForWatch(Namespaces, new TableRequest(TableRequest.V1));
        var status = Json("{'kind':'Status','apiVersion':'v1','metadata':{},'status':'Failure','reason':'Expired','code':410}");

        var first = encoder.Encode(status);
        var second = encoder.Encode(Namespace("b", "4"));

        Assert.Same(status, first);
        Assert.Null(second["columnDefinitions"]);
    }

    [Fact]
    public void ForList_CustomResourcePrinterWorksThroughTheSameBuilder()
    {
        var printer = new CustomResourcePrinter(null);
        var widget = Json($"{{'apiVersion':'example.com/v1','kind':'Widget','metadata':{{'name':'w','creationTimestamp':'{Ago(TimeSpan.FromHours(1))}'}}}}");

        var table = Builder.ForList(printer, [widget], new ListMetadata("9"), new TableRequest(TableRequest.V1));

        Assert.Equal("[\"w\",\"60m\"]", table["rows"]![0]!["cells"]!.ToJsonString());
    }
}
