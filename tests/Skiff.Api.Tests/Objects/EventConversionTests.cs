using System.Text.Json.Nodes;
using Skiff.Api.Objects;

namespace Skiff.Api.Tests.Objects;

public sealed class EventConversionTests
{
    [Fact]
    public void ToEventsV1_RenamesCoreFieldsInUpstreamOrder()
    {
        var core = JsonNode.Parse("""
            {"kind":"Event","apiVersion":"v1","metadata":{"name":"e","namespace":"d"},
             "involvedObject":{"kind":"Pod","name":"p"},"reason":"Pulled","message":"done","source":{"component":"kubelet"},
             "firstTimestamp":"2024-05-01T10:00:00Z","lastTimestamp":"2024-05-01T10:01:00Z","count":2,"type":"Normal",
             "eventTime":null,"reportingComponent":"kubelet","reportingInstance":"n1"}
            """)!.AsObject();

        var converted = EventConversion.ToEventsV1(core);

        Assert.Equal(
            """{"kind":"Event","apiVersion":"events.k8s.io/v1","metadata":{"name":"e","namespace":"d"},"eventTime":null,"reportingController":"kubelet","reportingInstance":"n1","reason":"Pulled","regarding":{"kind":"Pod","name":"p"},"note":"done","type":"Normal","deprecatedSource":{"component":"kubelet"},"deprecatedFirstTimestamp":"2024-05-01T10:00:00Z","deprecatedLastTimestamp":"2024-05-01T10:01:00Z","deprecatedCount":2}""",
            converted.ToJsonString());
    }

    [Fact]
    public void ToCore_WritesEmptyReportingFieldsAsUpstreamDoes()
    {
        var core = EventConversion.ToCore(JsonNode.Parse("""{"metadata":{"name":"e"},"note":"x"}""")!.AsObject());

        Assert.Equal("", (string?)core["reportingComponent"]);
        Assert.Equal("", (string?)core["reportingInstance"]);
    }

    [Fact]
    public void ToCore_AddsAlwaysPresentFieldsAndRoundTrips()
    {
        var eventsV1 = JsonNode.Parse("""
            {"kind":"Event","apiVersion":"events.k8s.io/v1","metadata":{"name":"e","namespace":"d"},
             "eventTime":"2024-05-01T10:00:00.000001Z","reportingController":"scheduler","reportingInstance":"s-1",
             "action":"Scheduling","reason":"Scheduled","regarding":{"kind":"Pod","name":"p"},"note":"assigned","type":"Normal"}
            """)!.AsObject();

        var core = EventConversion.ToCore(eventsV1);

        Assert.Equal(
            """{"kind":"Event","apiVersion":"v1","metadata":{"name":"e","namespace":"d"},"involvedObject":{"kind":"Pod","name":"p"},"reason":"Scheduled","message":"assigned","source":{},"firstTimestamp":null,"lastTimestamp":null,"type":"Normal","eventTime":"2024-05-01T10:00:00.000001Z","action":"Scheduling","reportingComponent":"scheduler","reportingInstance":"s-1"}""",
            core.ToJsonString());
        var back = EventConversion.ToEventsV1(core);
        Assert.Equal("scheduler", (string?)back["reportingController"]);
        Assert.Equal("assigned", (string?)back["note"]);
        Assert.Equal("{}", back["deprecatedSource"]!.ToJsonString());
    }
}
