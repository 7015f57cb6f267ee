using System.Text.Json.Nodes;
using Skiff.ApiServer.Printing.Printers;
using static Skiff.ApiServer.Tests.Printing.TestObjects;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class PodPrinterTests
{
    private const string Running = "{'running':{'startedAt':'2026-11-23T10:00:00Z'}}";
    private static readonly string FiveMinutesAgo = Ago(TimeSpan.FromMinutes(5));

    public static TheoryData<string, string, string, string, string, string> Pods => new()
    {
        {
            "all containers running and ready",
            "{'containers':[{'name':'a'},{'name':'b'}]}", "",
            $"{{'phase':'Running','containerStatuses':[{{'name':'a','ready':true,'state':{Running}}},{{'name':'b','ready':true,'state':{Running}}}]}}",
            "2/2", "Running"
        },
        {
            "pending without statuses",
            "{'containers':[{'name':'a'}]}", "", "{'phase':'Pending'}", "0/1", "Pending"
        },
        {
            "container creating",
            "{'containers':[{'name':'a'}]}", "",
            "{'phase':'Pending','containerStatuses':[{'name':'a','ready':false,'state':{'waiting':{'reason':'ContainerCreating'}}}]}",
            "0/1", "ContainerCreating"
        },
        {
            "running but not ready",
            "{'containers':[{'name':'a'}]}", "",
            $"{{'phase':'Running','containerStatuses':[{{'name':'a','ready':false,'state':{Running}}}]}}",
            "0/1", "Running"
        },
        {
            "first container's waiting reason wins",
            "{'containers':[{'name':'a'},{'name':'b'}]}", "",
            "{'phase':'Running','containerStatuses':[{'name':'a','state':{'waiting':{'reason':'ImagePullBackOff'}}},{'name':'b','state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}",
            "0/2", "ImagePullBackOff"
        },
        {
            "completed",
            "{'containers':[{'name':'a'}]}", "",
            "{'phase':'Succeeded','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}",
            "0/1", "Completed"
        },
        {
            "terminated without reason shows exit code",
            "{'containers':[{'name':'a'}]}", "",
            "{'phase':'Failed','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':3}}}]}",
            "0/1", "ExitCode:3"
        },
        {
            "terminated by signal without reason",
            "{'containers':[{'name':'a'}]}", "",
            "{'phase':'Failed','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':137,'signal':9}}}]}",
            "0/1", "Signal:9"
        },
        {
            "evicted pod shows status reason",
            "{'containers':[{'name':'a'}]}", "", "{'phase':'Failed','reason':'Evicted'}", "0/1", "Evicted"
        },
        {
            "completed container next to a running one with Ready condition",
            "{'containers':[{'name':'a'},{'name':'b'}]}", "",
            $"{{'phase':'Running','conditions':[{{'type':'Ready','status':'True'}}],'containerStatuses':[{{'name':'a','ready':true,'state':{Running}}},{{'name':'b','state':{{'terminated':{{'exitCode':0,'reason':'Completed'}}}}}}]}}",
            "1/2", "Running"
        },
        {
            "completed container next to a running one without Ready condition",
            "{'containers':[{'name':'a'},{'name':'b'}]}", "",
            $"{{'phase':'Running','containerStatuses':[{{'name':'a','ready':true,'state':{Running}}},{{'name':'b','state':{{'terminated':{{'exitCode':0,'reason':'Completed'}}}}}}]}}",
            "1/2", "NotReady"
        },
        {
            "first init container waiting to start",
            "{'initContainers':[{'name':'i1'},{'name':'i2'}],'containers':[{'name':'a'}]}", "",
            "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'waiting':{'reason':'PodInitializing'}}},{'name':'i2','state':{'waiting':{}}}]}",
            "0/1", "Init:0/2"
        },
        {
            "second init container running",
            "{'initContainers':[{'name':'i1'},{'name':'i2'}],'containers':[{'name':'a'}]}", "",
            $"{{'phase':'Pending','initContainerStatuses':[{{'name':'i1','state':{{'terminated':{{'exitCode':0,'reason':'Completed'}}}}}},{{'name':'i2','state':{Running}}}]}}",
            "0/1", "Init:1/2"
        },
        {
            "init container crash looping",
            "{'initContainers':[{'name':'i1'}],'containers':[{'name':'a'}]}", "",
            "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}",
            "0/1", "Init:CrashLoopBackOff"
        },
        {
            "init container failed with reason",
            "{'initContainers':[{'name':'i1'}],'containers':[{'name':'a'}]}", "",
            "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':{'exitCode':1,'reason':'Error'}}}]}",
            "0/1", "Init:Error"
        },
        {
            "init container failed without reason",
            "{'initContainers':[{'name':'i1'}],'containers':[{'name':'a'}]}", "",
            "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':{'exitCode':2}}}]}",
            "0/1", "Init:ExitCode:2"
        },
        {
            "init container killed by signal",
            "{'initContainers':[{'name':'i1'}],'containers':[{'name':'a'}]}", "",
            "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':{'exitCode':137,'signal':9}}}]}",
            "0/1", "Init:Signal:9"
        },
        {
            "started sidecar counts as ready container",
            "{'initContainers':[{'name':'s','restartPolicy':'Always'}],'containers':[{'name':'a'}]}", "",
            $"{{'phase':'Running','conditions':[{{'type':'Initialized','status':'True'}}],'initContainerStatuses':[{{'name':'s','started':true,'ready':true,'state':{Running}}}],'containerStatuses':[{{'name':'a','ready':true,'state':{Running}}}]}}",
            "2/2", "Running"
        },
        {
            "sidecar not started yet keeps pod initializing",
            "{'initContainers':[{'name':'s','restartPolicy':'Always'}],'containers':[{'name':'a'}]}", "",
            "{'phase':'Pending','initContainerStatuses':[{'name':'s','started':false,'state':{'waiting':{'reason':'PodInitializing'}}}]}",
            "0/2", "Init:0/1"
        },
        {
            "deleted running pod is terminating",
            "{'containers':[{'name':'a'}]}", $"'deletionTimestamp':'{Ago(TimeSpan.FromSeconds(5))}',",
            $"{{'phase':'Running','containerStatuses':[{{'name':'a','ready':true,'state':{Running}}}]}}",
            "1/1", "Terminating"
        },
        {
            "deleted succeeded pod keeps its final status",
            "{'containers':[{'name':'a'}]}", $"'deletionTimestamp':'{Ago(TimeSpan.FromSeconds(5))}',",
            "{'phase':'Succeeded','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}",
            "0/1", "Completed"
        },
        {
            "deleted pod on a lost node is unknown",
            "{'containers':[{'name':'a'}]}", $"'deletionTimestamp':'{Ago(TimeSpan.FromSeconds(5))}',",
            "{'phase':'Running','reason':'NodeLost'}", "0/1", "Unknown"
        },
        {
            "scheduling gated",
            "{'containers':[{'name':'a'}]}", "",
            "{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'False','reason':'SchedulingGated'}]}",
            "0/1", "SchedulingGated"
        },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void Print_ComputesReadyAndStatusLikeUpstream(string scenario, string spec, string extraMetadata, string status,
        string ready, string reason)
    {
        var pod = Pod(spec, extraMetadata, status);

        var cells = PodPrinter.Print(pod, Now).Cells;

        Assert.True(ready == cells[1]!.GetValue<string>(), scenario);
        Assert.True(reason == cells[2]!.GetValue<string>(), $"{scenario}: got {cells[2]}");
    }

    [Fact]
    public void Print_RestartsShowTimeSinceLastTermination()
    {
        var pod = Pod("{'containers':[{'name':'a'},{'name':'b'}]}", "",
            "{'phase':'Running','containerStatuses':[" +
            $"{{'name':'a','restartCount':3,'state':{{'waiting':{{'reason':'CrashLoopBackOff'}}}},'lastState':{{'terminated':{{'exitCode':1,'finishedAt':'{FiveMinutesAgo}'}}}}}}," +
            $"{{'name':'b','restartCount':2,'ready':true,'state':{Running},'lastState':{{'terminated':{{'exitCode':1,'finishedAt':'{Ago(TimeSpan.FromHours(2))}'}}}}}}]}}");

        var cells = PodPrinter.Print(pod, Now).Cells;

        Assert.Equal("5 (5m ago)", cells[3]!.GetValue<string>());
        Assert.Equal("CrashLoopBackOff", cells[2]!.GetValue<string>());
    }

    [Fact]
    public void Print_RestartsWithoutTerminationTimeAreBare()
    {
        var pod = Pod("{'containers':[{'name':'a'}]}", "",
            $"{{'phase':'Running','containerStatuses':[{{'name':'a','restartCount':4,'ready':true,'state':{Running}}}]}}");

        Assert.Equal("4", PodPrinter.Print(pod, Now).Cells[3]!.GetValue<string>());
    }

    [Fact]
    public void Print_WhileInitializing_CountsOnlyInitContainerRestarts()
    {
        var pod = Pod("{'initContainers':[{'name':'i1'}],'containers':[{'name':'a'}]}", "",
            "{'phase':'Pending','initContainerStatuses':[{'name':'i1','restartCount':7,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]," +
            "'containerStatuses':[{'name':'a','restartCount':100,'state':{'waiting':{'reason':'PodInitializing'}}}]}");

        var cells = PodPrinter.Print(pod, Now).Cells;

        Assert.Equal("7", cells[3]!.GetValue<string>());
        Assert.Equal("Init:CrashLoopBackOff", cells[2]!.GetValue<string>());
    }

    [Fact]
    public void Print_WideCells_ShowPlaceholdersWhenUnscheduled()
    {
        var pod = Pod("{'containers':[{'name':'a'}]}", "", "{'phase':'Pending'}");

        var cells = Texts(PodPrinter.Print(pod, Now).Cells);

        Assert.Equal(["web", "0/1", "Pending", "0", "10m", "<none>", "<none>", "<none>", "<none>"], cells);
    }

    [Fact]
    public void Print_WideCells_ShowIpNodeNominatedNodeAndReadinessGates()
    {
        var pod = Pod("{'nodeName':'n1','readinessGates':[{'conditionType':'example.com/a'},{'conditionType':'example.com/b'}],'containers':[{'name':'a'}]}", "",
            "{'phase':'Running','nominatedNodeName':'n2','podIP':'10.0.0.9','podIPs':[{'ip':'10.0.0.7'},{'ip':'fd00::7'}]," +
            "'conditions':[{'type':'example.com/a','status':'True'},{'type':'example.com/b','status':'False'}]}");

        var cells = PodPrinter.Print(pod, Now).Cells;

        Assert.Equal("10.0.0.7", cells[5]!.GetValue<string>());
        Assert.Equal("n1", cells[6]!.GetValue<string>());
        Assert.Equal("n2", cells[7]!.GetValue<string>());
        Assert.Equal("1/2", cells[8]!.GetValue<string>());
    }

    [Fact]
    public void Print_PodIpFallsBackToLegacyField()
    {
        var pod = Pod("{'containers':[{'name':'a'}]}", "", "{'phase':'Running','podIP':'10.0.0.9'}");

        Assert.Equal("10.0.0.9", PodPrinter.Print(pod, Now).Cells[5]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Succeeded", "Succeeded", "The pod has completed successfully.")]
    [InlineData("Failed", "Failed", "The pod failed.")]
    public void Print_FinishedPods_CarryCompletedRowCondition(string phase, string reason, string message)
    {
        var pod = Pod("{'containers':[{'name':'a'}]}", "", $"{{'phase':'{phase}'}}");

        var condition = Assert.Single(PodPrinter.Print(pod, Now).Conditions!)!.AsObject();

        Assert.Equal($"{{\"type\":\"Completed\",\"status\":\"True\",\"reason\":\"{reason}\",\"message\":\"{message}\"}}",
            condition.ToJsonString());
    }

    [Fact]
    public void Print_RunningPod_HasNoRowConditions()
    {
        var pod = Pod("{'containers':[{'name':'a'}]}", "", "{'phase':'Running'}");

        Assert.Null(PodPrinter.Print(pod, Now).Conditions);
    }

    private static JsonObject Pod(string spec, string extraMetadata, string status) => Json(
        $"{{'apiVersion':'v1','kind':'Pod','metadata':{{{extraMetadata}'name':'web','namespace':'default','creationTimestamp':'{Ago(TimeSpan.FromMinutes(10))}'}}," +
        $"'spec':{spec},'status':{status}}}");
}
