using System.Text.Json.Nodes;
using Skiff.ApiServer.Printing;
using static Skiff.ApiServer.Tests.Printing.TestObjects;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class CustomResourcePrinterTests
{
    private static readonly JsonArray Columns = JsonNode.Parse("""
        [
          {"name":"Replicas","type":"integer","jsonPath":".spec.replicas"},
          {"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status","description":"Readiness"},
          {"name":"Ratio","type":"number","jsonPath":".spec.ratio","priority":1},
          {"name":"Paused","type":"boolean","jsonPath":".spec.paused"},
          {"name":"Selector","type":"string","jsonPath":".spec.selector"},
          {"name":"Started","type":"date","format":"date-time","jsonPath":".status.startTime"},
          {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}
        ]
        """)!.AsArray();

    [Fact]
    public void Columns_StartWithNameThenFollowTheCrd()
    {
        var columns = new CustomResourcePrinter(Columns).Columns;

        Assert.Equal(["Name", "Replicas", "Ready", "Ratio", "Paused", "Selector", "Started", "Age"], columns.Select(c => c.Name));
        Assert.Equal("name", columns[0].Format);
        Assert.Equal("Custom resource definition column (in JSONPath format): .spec.replicas", columns[1].Description);
        Assert.Equal("Readiness", columns[2].Description);
        Assert.Equal(1, columns[3].Priority);
        Assert.Equal(("date", "date-time"), (columns[6].Type, columns[6].Format));
    }

    [Fact]
    public void Print_EvaluatesEachColumnPath()
    {
        var widget = Json($"{{'metadata':{{'name':'w1','creationTimestamp':'{Ago(TimeSpan.FromDays(2))}'}}," +
            "'spec':{'replicas':3,'ratio':0.25,'paused':true,'selector':{'app':'web'}}," +
            $"'status':{{'startTime':'{Ago(TimeSpan.FromMinutes(5))}','conditions':[{{'type':'Ready','status':'True'}}]}}}}");

        var cells = Texts(new CustomResourcePrinter(Columns).Print(widget, Now).Cells);

        Assert.Equal(["w1", "3", "True", "0.25", "true", "map[app:web]", "5m", "2d"], cells);
    }

    [Fact]
    public void Print_MissingOrMistypedValuesAreNull()
    {
        var widget = Json("{'metadata':{'name':'w2'},'spec':{'replicas':'three','paused':'yes'},'status':{'startTime':'yesterday'}}");

        var cells = Texts(new CustomResourcePrinter(Columns).Print(widget, Now).Cells);

        Assert.Equal(["w2", "null", "null", "null", "null", "null", "<invalid>", "null"], cells);
    }

    [Fact]
    public void Print_StringColumnPrintsNumbersAsText()
    {
        var printer = new CustomResourcePrinter(JsonNode.Parse("""[{"name":"R","type":"string","jsonPath":".spec.replicas"}]""")!.AsArray());

        var cell = printer.Print(Json("{'metadata':{'name':'w'},'spec':{'replicas':7}}"), Now).Cells[1]!;

        Assert.Equal("\"7\"", cell.ToJsonString());
    }

    [Fact]
    public void Print_ExplicitNullInStringColumn_PrintsNoValue()
    {
        var widget = Json("{'metadata':{'name':'w4'},'spec':{'replicas':null,'selector':null}}");

        var cells = Texts(new CustomResourcePrinter(Columns).Print(widget, Now).Cells);

        Assert.Equal("null", cells[1]);
        Assert.Equal("<no value>", cells[5]);
    }

    [Fact]
    public void Columns_WithoutAdditionalColumns_AddAge()
    {
        var printer = new CustomResourcePrinter(null);
        var widget = Json($"{{'metadata':{{'name':'w3','creationTimestamp':'{Ago(TimeSpan.FromHours(5))}'}}}}");

        Assert.Equal(["Name", "Age"], printer.Columns.Select(c => c.Name));
        Assert.Equal("date", printer.Columns[1].Type);
        Assert.StartsWith("CreationTimestamp is a timestamp", printer.Columns[1].Description);
        Assert.Equal(["w3", "5h"], Texts(printer.Print(widget, Now).Cells));
    }
}
