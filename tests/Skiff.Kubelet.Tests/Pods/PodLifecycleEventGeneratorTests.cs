using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Pods;

namespace Skiff.Kubelet.Tests.Pods;

public sealed class PodLifecycleEventGeneratorTests
{
    private static PodSandbox Sandbox(string id, string uid, PodSandboxState state) =>
        new() { Id = id, State = state, Metadata = new PodSandboxMetadata { Uid = uid, Name = "p", Namespace = "default" } };

    private static Container Container(string id, string uid, ContainerState state) =>
        new() { Id = id, State = state, Labels = { [PodLabels.PodUid] = uid } };

    [Fact]
    public void Fingerprints_ChangeWhenAContainerOfThePodChangesState_NotWithListOrder()
    {
        var sandboxes = new[] { Sandbox("s1", "a", PodSandboxState.SandboxReady), Sandbox("s2", "b", PodSandboxState.SandboxReady) };
        var running = new[] { Container("c1", "a", ContainerState.ContainerRunning), Container("c2", "a", ContainerState.ContainerRunning), Container("c3", "b", ContainerState.ContainerRunning) };
        var exited = new[] { Container("c2", "a", ContainerState.ContainerRunning), Container("c1", "a", ContainerState.ContainerExited), Container("c3", "b", ContainerState.ContainerRunning) };

        var before = PodLifecycleEventGenerator.Fingerprints(sandboxes, running);
        var reordered = PodLifecycleEventGenerator.Fingerprints(sandboxes.Reverse(), running.Reverse());
        var after = PodLifecycleEventGenerator.Fingerprints(sandboxes, exited);

        Assert.Equal(before, reordered);
        Assert.NotEqual(before["a"], after["a"]);
        Assert.Equal(before["b"], after["b"]);
    }

    [Fact]
    public void Fingerprints_SkipContainersWithoutAPodUid()
    {
        var fingerprints = PodLifecycleEventGenerator.Fingerprints([], [new Container { Id = "x", State = ContainerState.ContainerRunning }]);

        Assert.Empty(fingerprints);
    }
}
