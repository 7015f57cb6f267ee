using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;
using Skiff.Controllers.PodGC;
using Skiff.Controllers.Tests.Testing;

namespace Skiff.Controllers.Tests.PodGC;

public sealed class PodGcReconcilerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ObjectCache<V1Pod> _pods = new();
    private readonly ObjectCache<V1Node> _nodes = new();
    private readonly FakeClient _api = new();
    private readonly ManualTime _time = new(Start);

    private PodGcReconciler Reconciler(int threshold = 12_500) =>
        new(_pods, _nodes, _api, new PodGcOptions { TerminatedPodThreshold = threshold }, _time, NullLogger.Instance);

    private V1Pod AddPod(string name, string phase = "Running", string? node = "node-1", int ageMinutes = 0, string? reason = null, bool deleting = false)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "default",
                Uid = name + "-uid",
                CreationTimestamp = Start.UtcDateTime.AddMinutes(-ageMinutes),
                DeletionTimestamp = deleting ? Start.UtcDateTime : null,
            },
            Spec = new V1PodSpec { NodeName = node },
            Status = new V1PodStatus { Phase = phase, Reason = reason },
        };
        _pods.Upsert(pod);
        return pod;
    }

    private void AddNode(string name) => _nodes.Upsert(new V1Node { Metadata = new V1ObjectMeta { Name = name } });

    [Theory]
    [InlineData(5, 3, new string[0])]
    [InlineData(5, 5, new string[0])]
    [InlineData(5, 7, new[] { "t0", "t1" })]
    [InlineData(0, 3, new string[0])]
    public async Task TerminatedPodsOverTheThreshold_OldestGoFirst(int threshold, int terminated, string[] expected)
    {
        AddNode("node-1");
        for (var i = 0; i < terminated; i++)
        {
            AddPod($"t{i}", i % 2 == 0 ? "Succeeded" : "Failed", ageMinutes: 100 - i);
        }

        AddPod("running", ageMinutes: 1000);

        await Reconciler(threshold).ReconcileAsync(PodGcReconciler.SweepKey, default);

        Assert.Equal(expected, _api.Deleted.Order());
        Assert.Empty(_api.Failed);
    }

    [Fact]
    public async Task TerminatedPodsOverTheThreshold_EvictedGoBeforeOlderOnes()
    {
        AddNode("node-1");
        AddPod("old", "Succeeded", ageMinutes: 100);
        AddPod("evicted", "Failed", ageMinutes: 1, reason: "Evicted");
        AddPod("young", "Succeeded", ageMinutes: 2);

        await Reconciler(threshold: 1).ReconcileAsync(PodGcReconciler.SweepKey, default);

        Assert.Equal(["evicted", "old"], _api.Deleted);
    }

    [Fact]
    public async Task PodsOfAMissingNode_AreDeletedOnlyAfterTheQuarantineAndTheApiConfirmingTheNodeIsGone()
    {
        AddNode("node-1");
        AddPod("kept");
        AddPod("orphan-a", node: "gone");
        AddPod("orphan-b", phase: "Succeeded", node: "gone");
        var reconciler = Reconciler();

        Assert.Equal(ReconcileResult.After(TimeSpan.FromSeconds(20)), await reconciler.ReconcileAsync(PodGcReconciler.SweepKey, default));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(ReconcileResult.After(TimeSpan.FromSeconds(10)), await reconciler.ReconcileAsync(PodGcReconciler.SweepKey, default));
        Assert.Empty(_api.Deleted);
        Assert.Empty(_api.NodeLookups);

        _time.Advance(TimeSpan.FromSeconds(10));
        await reconciler.ReconcileAsync(PodGcReconciler.SweepKey, default);

        Assert.Equal(["gone"], _api.NodeLookups);
        Assert.Equal(["orphan-a", "orphan-b"], _api.Deleted.Order());

        // Only the pod that had not finished is marked failed first, with upstream's disruption condition.
        Assert.Equal([("orphan-a", (string?)"DeletionByPodGC", (string?)"PodGC: node no longer exists")], _api.Failed);
    }

    [Fact]
    public async Task NodeMissingOnlyFromTheCache_KeepsItsPods()
    {
        AddPod("pod", node: "late");
        _api.ExistingNodes.Add("late");
        var reconciler = Reconciler();

        await reconciler.ReconcileAsync(PodGcReconciler.SweepKey, default);
        _time.Advance(TimeSpan.FromSeconds(40));
        await reconciler.ReconcileAsync(PodGcReconciler.SweepKey, default);

        Assert.Equal(["late"], _api.NodeLookups);
        Assert.Empty(_api.Deleted);
    }

    [Fact]
    public async Task NodeThatReappearsDuringQuarantine_StartsAFreshQuarantineIfItGoesAgain()
    {
        AddPod("pod", node: "flaky");
        var reconciler = Reconciler();
        await reconciler.ReconcileAsync(PodGcReconciler.SweepKey, default);

        _time.Advance(TimeSpan.FromSeconds(30));
        AddNode("flaky");
        await reconciler.ReconcileAsync(PodGcReconciler.SweepKey, default);
        _nodes.Delete(new Skiff.Client.ObjectKey(null, "flaky"));
        await reconciler.ReconcileAsync(PodGcReconciler.SweepKey, default);

        _time.Advance(TimeSpan.FromSeconds(30));
        await reconciler.ReconcileAsync(PodGcReconciler.SweepKey, default);

        Assert.Empty(_api.NodeLookups);
        Assert.Empty(_api.Deleted);
    }

    [Fact]
    public async Task UnscheduledTerminatingPods_AreForceDeleted()
    {
        AddNode("node-1");
        AddPod("stuck", phase: "Pending", node: null, deleting: true);
        AddPod("pending", phase: "Pending", node: null);
        AddPod("draining", node: "node-1", deleting: true);

        await Reconciler().ReconcileAsync(PodGcReconciler.SweepKey, default);

        Assert.Equal(["stuck"], _api.Deleted);
        Assert.Equal([("stuck", (string?)null, (string?)null)], _api.Failed);
    }

    [Fact]
    public void Matters_OnlyPodsASweepWouldAct()
    {
        AddNode("node-1");
        var reconciler = Reconciler();

        Assert.False(reconciler.Matters(AddPod("running")));
        Assert.False(reconciler.Matters(AddPod("pending", "Pending", node: null)));
        Assert.True(reconciler.Matters(AddPod("done", "Succeeded")));
        Assert.True(reconciler.Matters(AddPod("orphan", node: "gone")));
        Assert.True(reconciler.Matters(AddPod("stuck", "Pending", node: null, deleting: true)));
    }

    private sealed class FakeClient : IPodGcClient
    {
        public List<string> Deleted { get; } = [];

        public List<string> NodeLookups { get; } = [];

        public HashSet<string> ExistingNodes { get; } = [];

        public List<(string Pod, string? Reason, string? Message)> Failed { get; } = [];

        public Task MarkFailedAsync(V1Pod pod, V1PodCondition? condition, CancellationToken ct)
        {
            Failed.Add((pod.Metadata.Name, condition?.Reason, condition?.Message));
            return Task.CompletedTask;
        }

        public Task DeletePodAsync(V1Pod pod, CancellationToken ct)
        {
            Deleted.Add(pod.Metadata.Name);
            return Task.CompletedTask;
        }

        public Task<bool> NodeExistsAsync(string name, CancellationToken ct)
        {
            NodeLookups.Add(name);
            return Task.FromResult(ExistingNodes.Contains(name));
        }
    }
}
