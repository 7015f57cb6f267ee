using Skiff.ApiServer.Printing;
using static Skiff.ApiServer.Tests.Printing.TestObjects;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class PrinterRobustnessTests
{
    // Every field a printer reads is present here with the wrong JSON type.
    private const string Mistyped =
        "{'metadata':{'name':7,'creationTimestamp':'not-a-time','labels':[],'annotations':'x','ownerReferences':{}}," +
        "'spec':{'replicas':'3','containers':'c','initContainers':[1],'selector':'app','ports':[{'port':'80'}],'rules':[1]," +
        "'template':[],'metrics':[{'type':'Resource','resource':'cpu'}],'capacity':[],'accessModes':'RWO','clusterIPs':[1]," +
        "'parentRef':'x','parameters':7,'drivers':{},'tokenRequests':[1],'scaleTargetRef':1,'readinessGates':[{}]}," +
        "'status':{'phase':1,'conditions':'Ready','containerStatuses':[{'state':'running','restartCount':'2'}]," +
        "'initContainerStatuses':[{'state':{'terminated':'yes'}}],'hard':{'pods':1},'loadBalancer':[],'addresses':{}}," +
        "'subsets':[{'addresses':[{'ip':1}],'ports':[{}]}],'endpoints':'x','involvedObject':[],'series':{'count':'2'},'webhooks':{}}";

    public static TheoryData<string, string> Kinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var (group, kind) in BuiltInPrinters.Kinds)
        {
            data.Add(group, kind);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Print_EmptyObject_ReadsZeroValues(string group, string kind)
    {
        var printer = BuiltInPrinters.For(group, kind);

        var cells = printer.Print(Json("{}"), Now).Cells;

        Assert.True(cells.Count >= printer.Columns.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Print_MistypedFields_DoNotThrow(string group, string kind)
    {
        var printer = BuiltInPrinters.For(group, kind);

        var cells = printer.Print(Json(Mistyped), Now).Cells;

        Assert.True(cells.Count >= printer.Columns.Count);
    }
}
