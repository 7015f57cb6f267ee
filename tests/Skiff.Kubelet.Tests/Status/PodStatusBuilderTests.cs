using k8s.Models;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Pods;
using Skiff.Kubelet.Status;

namespace Skiff.Kubelet.Tests.Status;

public sealed class PodStatusBuilderTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly long NowNs = (long)(Now - DateTime.UnixEpoch).TotalSeconds * 1_000_000_000;

    private static V1Pod Pod(string restartPolicy, string[] containers, V1Container[]? inits = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default", Uid = "u" },
        Spec = new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            Containers = containers.Select(n => new V1Container { Name = n, Image = "img" }).ToList(),
            InitContainers = inits,
        },
        Status = new V1PodStatus { Phase = "Pending" },
    };

    private static ContainerStatus Running(string name, int restarts = 0) => new()
    {
        Id = name + restarts,
        Metadata = new ContainerMetadata { Name = name, Attempt = (uint)restarts },
        State = ContainerState.ContainerRunning,
        StartedAt = NowNs,
        ImageRef = "sha256:abc",
        Annotations = { [PodLabels.RestartCount] = restarts.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static ContainerStatus Exited(string name, int code, int restarts = 0, string reason = "") => new()
    {
        Id = name + restarts,
        Metadata = new ContainerMetadata { Name = name, Attempt = (uint)restarts },
        State = ContainerState.ContainerExited,
        ExitCode = code,
        Reason = reason,
        StartedAt = NowNs,
        FinishedAt = NowNs,
        Annotations = { [PodLabels.RestartCount] = restarts.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static PodSandboxStatus Sandbox() => new()
    {
        Id = "sb",
        State = PodSandboxState.SandboxReady,
        Network = new PodSandboxNetworkStatus { Ip = "10.42.0.5" },
        Metadata = new PodSandboxMetadata(),
    };

    private static V1PodStatus Build(V1Pod pod, IEnumerable<ContainerStatus> containers, Dictionary<string, WaitingReason>? waiting = null, bool ready = true) =>
        PodStatusBuilder.Build(new StatusInputs(pod, new RuntimePod([Sandbox()], containers.ToList()), waiting ?? [], _ => ready, _ => true, "192.0.2.1", Now));

    [Fact]
    public void AllRunningAndReady_IsRunningAndReadyWithPodIp()
    {
        var status = Build(Pod("Always", ["a", "b"]), [Running("a"), Running("b")]);
        Assert.Equal("Running", status.Phase);
        Assert.Equal("10.42.0.5", status.PodIP);
        Assert.Equal("192.0.2.1", status.HostIP);
        Assert.Equal("BestEffort", status.QosClass);
        Assert.Equal("True", status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("True", status.Conditions.Single(c => c.Type == "PodReadyToStartContainers").Status);
        Assert.All(status.ContainerStatuses, s => Assert.StartsWith("containerd://", s.ContainerID, StringComparison.Ordinal));
    }

    [Fact]
    public void NotReady_ListsUnreadyContainers()
    {
        var status = Build(Pod("Always", ["a"]), [Running("a")], ready: false);
        var ready = status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [a]"), (ready.Status, ready.Reason, ready.Message));
    }

    [Fact]
    public void NothingCreatedYet_IsPendingWithContainerCreating()
    {
        var status = Build(Pod("Always", ["a"]), []);
        Assert.Equal("Pending", status.Phase);
        Assert.Equal("ContainerCreating", status.ContainerStatuses[0].State.Waiting.Reason);
    }

    [Theory]
    [InlineData(0, "Succeeded", "Completed")]
    [InlineData(3, "Failed", "Error")]
    public void Never_ExitedContainer_IsTerminal(int code, string phase, string reason)
    {
        var status = Build(Pod("Never", ["a"]), [Exited("a", code)]);
        Assert.Equal(phase, status.Phase);
        Assert.Equal(reason, status.ContainerStatuses[0].State.Terminated.Reason);
        Assert.Equal(code, status.ContainerStatuses[0].State.Terminated.ExitCode);
        Assert.Equal("PodCompleted", status.Conditions.Single(c => c.Type == "Ready").Reason);
    }

    [Fact]
    public void CrashLoop_ShowsWaitingWithLastStateAndRestartCount()
    {
        var status = Build(Pod("Always", ["a"]), [Exited("a", 1, restarts: 2), Exited("a", 1, restarts: 1)],
            new() { ["a"] = new WaitingReason("CrashLoopBackOff", "back-off 20s restarting failed container=a pod=p_default(u)") });
        var container = status.ContainerStatuses[0];
        Assert.Equal("Running", status.Phase);
        Assert.Equal("CrashLoopBackOff", container.State.Waiting.Reason);
        Assert.Equal(1, container.LastState.Terminated.ExitCode);
        Assert.Equal(2, container.RestartCount);
    }

    [Fact]
    public void OomKilled_ReasonFromRuntime()
    {
        var status = Build(Pod("Never", ["a"]), [Exited("a", 137, reason: "OOMKilled")]);
        Assert.Equal("OOMKilled", status.ContainerStatuses[0].State.Terminated.Reason);
        Assert.Equal("Failed", status.Phase);
    }

    [Fact]
    public void InitRunning_IsPendingAndNotInitialized_MainPodInitializing()
    {
        var pod = Pod("Always", ["main"], [new V1Container { Name = "init1", Image = "img" }, new V1Container { Name = "init2", Image = "img" }]);
        var status = Build(pod, [Exited("init1", 0), Running("init2")]);
        Assert.Equal("Pending", status.Phase);
        var initialized = status.Conditions.Single(c => c.Type == "Initialized");
        Assert.Equal(("False", "ContainersNotInitialized", "containers with incomplete status: [init2]"), (initialized.Status, initialized.Reason, initialized.Message));
        Assert.Equal("PodInitializing", status.ContainerStatuses[0].State.Waiting.Reason);
        Assert.Equal("Completed", status.InitContainerStatuses[0].State.Terminated.Reason);
    }

    [Fact]
    public void FailedInit_WithNever_IsFailed()
    {
        var pod = Pod("Never", ["main"], [new V1Container { Name = "init1", Image = "img" }]);
        Assert.Equal("Failed", Build(pod, [Exited("init1", 2)]).Phase);
    }

    [Fact]
    public void RunningSidecar_CountsAsInitialized()
    {
        var pod = Pod("Always", ["main"], [new V1Container { Name = "side", Image = "img", RestartPolicy = "Always" }]);
        var status = Build(pod, [Running("side"), Running("main")]);
        Assert.Equal("Running", status.Phase);
        Assert.Equal("True", status.Conditions.Single(c => c.Type == "Initialized").Status);
        Assert.True(status.InitContainerStatuses[0].Ready);
    }

    [Fact]
    public void TerminalPhase_NeverGoesBack()
    {
        var pod = Pod("Never", ["a"]);
        pod.Status.Phase = "Succeeded";
        Assert.Equal("Succeeded", Build(pod, [Running("a")]).Phase);
    }

    [Fact]
    public void ReadinessGateUnset_KeepsReadyFalse()
    {
        var pod = Pod("Always", ["a"]);
        pod.Spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = "example.com/lb" }];
        var status = Build(pod, [Running("a")]);
        Assert.Equal("True", status.Conditions.Single(c => c.Type == "ContainersReady").Status);
        Assert.Equal(("False", "ReadinessGatesNotReady"), (status.Conditions.Single(c => c.Type == "Ready").Status, status.Conditions.Single(c => c.Type == "Ready").Reason));
    }

    [Fact]
    public void ConditionTransitionTime_KeptWhileUnchanged()
    {
        var pod = Pod("Always", ["a"]);
        var earlier = Now.AddMinutes(-5);
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = earlier }];
        Assert.Equal(earlier, Build(pod, [Running("a")]).Conditions.Single(c => c.Type == "Ready").LastTransitionTime);
    }

    [Fact]
    public void TerminationLog_BecomesTheTerminatedMessage()
    {
        var inputs = new StatusInputs(Pod("Never", ["a"]), new RuntimePod([Sandbox()], [Exited("a", 1)]), new Dictionary<string, WaitingReason>(), _ => true, _ => true, null, Now)
        {
            TerminationMessage = (name, restarts) => name == "a" && restarts == 0 ? "disk full" : null,
        };
        Assert.Equal("disk full", PodStatusBuilder.Build(inputs).ContainerStatuses[0].State.Terminated.Message);
    }
}
