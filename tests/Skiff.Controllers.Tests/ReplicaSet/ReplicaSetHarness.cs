using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;
using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Tests.ReplicaSet;

/// <summary>A ReplicaSet reconciler over fake listers, a recording pod control and a manual clock.</summary>
internal sealed class ReplicaSetHarness
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public ReplicaSetHarness()
    {
        Expectations = new PodExpectations(Time);
        Control.Owners = key => Sets.Get(key) is { } rs ? ReplicaSetKind.ToView(rs) : null;
        Reconciler = new ReplicaSetReconciler(new ReplicaSetKind(Sets), Pods, Control, Expectations, Events, Time, NullLogger.Instance);
    }

    public ManualTime Time { get; } = new(Start);

    public ObjectCache<V1ReplicaSet> Sets { get; } = new();

    public ObjectCache<V1Pod> Pods { get; } = new();

    public FakePodControl Control { get; } = new();

    public RecordingEvents Events { get; } = new();

    public PodExpectations Expectations { get; }

    public ReplicaSetReconciler Reconciler { get; }

    public ReplicaStatus? LastStatus => Control.StatusWrites.LastOrDefault();

    public Task<ReconcileResult> SyncAsync(string name = "web") => Reconciler.ReconcileAsync(new ObjectKey(Objects.Namespace, name), CancellationToken.None);

    public ReplicaSetHarness With(params V1Pod[] pods)
    {
        foreach (var pod in pods)
        {
            Pods.Upsert(pod);
        }

        return this;
    }

    public ReplicaSetHarness With(V1ReplicaSet rs)
    {
        Sets.Upsert(rs);
        return this;
    }

    /// <summary>What the pod informer would do once the created pods reach it.</summary>
    public void CacheCreatedPods()
    {
        foreach (var pod in Control.Created)
        {
            Pods.Upsert(pod);
        }
    }
}
