using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Framework;

public sealed class FitErrorTests
{
    [Fact]
    public void Message_CountsReasonsPerNode_SortedAsStrings_ThenThePostFilterMessage()
    {
        var diagnosis = new Diagnosis { PostFilterMessage = "preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling." };
        diagnosis.NodeToStatus["a"] = Status.Unresolvable("node(s) had untolerated taint {key: value}");
        diagnosis.NodeToStatus["b"] = Status.Unschedulable("Insufficient cpu");
        diagnosis.NodeToStatus["c"] = Status.Unresolvable("node(s) had untolerated taint {key: value}");
        diagnosis.NodeToStatus["d"] = Status.Unschedulable("Insufficient cpu");
        diagnosis.NodeToStatus["e"] = Status.Unresolvable("node(s) had untolerated taint {key: value}");

        Assert.Equal(
            "0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {key: value}. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.",
            new FitError(5, diagnosis).Message);
    }

    [Fact]
    public void Message_CountsEveryReasonOfANode()
    {
        var diagnosis = new Diagnosis();
        diagnosis.NodeToStatus["a"] = Status.Unschedulable("Insufficient cpu", "Insufficient memory");
        diagnosis.NodeToStatus["b"] = Status.Unschedulable("Insufficient memory");

        Assert.Equal("0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.", new FitError(2, diagnosis).Message);
    }

    [Fact]
    public void Message_UsesThePreFilterMessageInsteadOfNodeReasons()
    {
        var diagnosis = new Diagnosis { PreFilterMessage = "node(s) didn't match Pod's node affinity/selector" };
        diagnosis.NodeToStatus["a"] = Status.Unresolvable("node(s) didn't match Pod's node affinity/selector");

        Assert.Equal("0/3 nodes are available: node(s) didn't match Pod's node affinity/selector.", new FitError(3, diagnosis).Message);
    }
}
