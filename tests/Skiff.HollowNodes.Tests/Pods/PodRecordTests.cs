using Skiff.HollowNodes.Pods;

namespace Skiff.HollowNodes.Tests.Pods;

public sealed class PodRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ending_PlainPod_RunsUntilDeleted() =>
        Assert.Null(PodRecord.Ending(PodFixtures.Pod()).ExitCode);

    [Theory]
    [InlineData("0", null, 0, 1.0)]
    [InlineData("3", "2.5", 3, 2.5)]
    [InlineData("137", "0", 137, 0.0)]
    public void Ending_ExitCodeAnnotation_SetsCodeAndRunTime(string code, string? seconds, int expectedCode, double expectedSeconds)
    {
        var annotations = new Dictionary<string, string> { [PodRecord.ExitCodeAnnotation] = code };
        if (seconds is not null)
        {
            annotations[PodRecord.RunSecondsAnnotation] = seconds;
        }

        var (exitCode, runTime) = PodRecord.Ending(PodFixtures.Pod(annotations));

        Assert.Equal(expectedCode, exitCode);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), runTime);
    }

    [Fact]
    public void Ending_NonNumericExitCode_IsIgnored() =>
        Assert.Null(PodRecord.Ending(PodFixtures.Pod(new Dictionary<string, string> { [PodRecord.ExitCodeAnnotation] = "oops" })).ExitCode);

    [Theory]
    [InlineData("Never", 0)]
    [InlineData("OnFailure", 0)]
    [InlineData("Always", null)]
    public void Ending_JobPod_SucceedsUnlessRestartedInPlace(string restartPolicy, int? expected) =>
        Assert.Equal(expected, PodRecord.Ending(PodFixtures.Pod(ownerKind: "Job", restartPolicy: restartPolicy)).ExitCode);

    [Fact]
    public void Ending_ReplicaSetPod_RunsUntilDeleted() =>
        Assert.Null(PodRecord.Ending(PodFixtures.Pod(ownerKind: "ReplicaSet", restartPolicy: "Never")).ExitCode);

    [Fact]
    public void From_RunningPod_IsAdoptedAsRunning()
    {
        var pod = PodFixtures.Pod();
        pod.Status = new k8s.Models.V1PodStatus { Phase = "Running", StartTime = Now.UtcDateTime.AddMinutes(-5), QosClass = "Guaranteed" };

        var record = PodRecord.From(pod, 0, Now);

        Assert.Equal(PodProgress.Running, record.Progress);
        Assert.Equal(Now.AddMinutes(-5), record.StartedAt);
        Assert.Equal("Guaranteed", record.QosClass);
    }

    [Fact]
    public void Update_DeletionTimestamp_IsSeenOnce()
    {
        var pod = PodFixtures.Pod();
        var record = PodRecord.From(pod, 0, Now);
        pod.Metadata.DeletionTimestamp = Now.UtcDateTime;

        record.Update(pod, Now.AddSeconds(1));
        record.Update(pod, Now.AddSeconds(5));

        Assert.Equal(Now.AddSeconds(1), record.DeletionSeen);
    }
}
