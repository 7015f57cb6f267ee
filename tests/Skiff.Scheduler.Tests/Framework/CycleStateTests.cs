using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Tests.Fakes;

namespace Skiff.Scheduler.Tests.Framework;

public sealed class CycleStateTests
{
    [Fact]
    public void Write_ReplacesTheValueOfAnExistingKey_AndReadOfAnotherTypeIsNull()
    {
        var state = new CycleState();
        state.Write("PreFilterA", "first");
        state.Write("PreFilterB", new List<int> { 1 });
        state.Write("PreFilterA", "second");

        Assert.Equal("second", state.Read<string>("PreFilterA"));
        Assert.Equal([1], state.Read<List<int>>("PreFilterB")!);
        Assert.Null(state.Read<string>("PreFilterB"));
        Assert.Null(state.Read<string>("Missing"));
    }

    [Fact]
    public void Read_FindsKeysEqualInTextButNotTheSameInstance()
    {
        var state = new CycleState();
        state.Write("PreScore" + Suffix(), "value");

        Assert.Equal("value", state.Read<string>("PreScoreX"));
    }

    [Fact]
    public void Clone_CopiesCloneableValues_SoPreemptionsWhatIfLeavesTheOriginalAlone()
    {
        var state = new CycleState();
        var counts = new CloneableCounts();
        state.Write("PreFilterCounts", counts);

        var copy = state.Clone();
        copy.Read<CloneableCounts>("PreFilterCounts")!.Value++;
        copy.Write("OnlyInCopy", "x");

        Assert.Equal(0, counts.Value);
        Assert.Null(state.Read<string>("OnlyInCopy"));
    }

    [Fact]
    public void PodRequests_ComeFromThePodInfoOnlyForItsOwnPod()
    {
        var pod = Objects.Pod("p");
        var info = new PodInfo(pod);
        var state = new CycleState { PodInfo = info };

        Assert.Same(info.Requests, state.PodRequests(pod));
        Assert.Same(info.NonZeroRequests, state.PodNonZeroRequests(pod));
        Assert.NotSame(info.Requests, state.PodRequests(Objects.Pod("other")));
    }

    private static string Suffix() => new('X', 1);

    private sealed class CloneableCounts : ICloneable
    {
        public int Value { get; set; }

        public object Clone() => new CloneableCounts { Value = Value };
    }
}
