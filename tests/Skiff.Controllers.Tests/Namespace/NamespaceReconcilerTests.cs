using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;
using Skiff.Controllers.Dynamic;
using Skiff.Controllers.Namespace;
using Skiff.Controllers.Tests.Testing;

namespace Skiff.Controllers.Tests.Namespace;

public sealed class NamespaceReconcilerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ObjectKey Key = new(null, "doomed");

    private readonly ObjectCache<V1Pod> _pods = new();
    private readonly ManualTime _time = new(Now);

    private static V1Namespace Namespace(bool deleting = true, params string[] finalizers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "doomed", Uid = "ns-uid", DeletionTimestamp = deleting ? Now.UtcDateTime : null },
        Spec = new V1NamespaceSpec { Finalizers = finalizers.Length == 0 ? ["kubernetes"] : finalizers },
        Status = new V1NamespaceStatus { Phase = deleting ? "Terminating" : "Active" },
    };

    private NamespaceReconciler Reconciler(FakeNamespaceClient api) => new(api, _pods, _time, NullLogger.Instance);

    private static FakeNamespaceClient Api(V1Namespace ns) => new(ns, Resources.Discovery(Resources.Gadgets));

    [Fact]
    public async Task ActiveNamespace_IsLeftAlone()
    {
        var api = Api(Namespace(deleting: false));
        api.Add(Resources.ConfigMaps, "cm");

        var result = await Reconciler(api).ReconcileAsync(Key, default);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Empty(api.Calls);
        Assert.Empty(api.Finalized);
    }

    [Fact]
    public async Task DeletedNamespace_EveryNamespacedResourceEmptied_ThenFinalized()
    {
        var api = Api(Namespace());
        api.Add(Resources.ConfigMaps, "cm");
        api.Add(Resources.Widgets, "w1");
        api.Add(Resources.Gadgets, "g1");
        api.Add(Resources.Gadgets, "g2");

        var result = await Reconciler(api).ReconcileAsync(Key, default);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Contains("deletecollection configmaps", api.Calls);
        Assert.Contains("deletecollection widgets", api.Calls);
        Assert.Contains("delete gadgets/g1", api.Calls);
        Assert.Contains("delete gadgets/g2", api.Calls);
        Assert.DoesNotContain(api.Calls, c => c.Contains("nodes", StringComparison.Ordinal));
        Assert.All(api.Content.Values, items => Assert.Empty(items));
        Assert.Equal([[]], api.Finalized);
        var conditions = Assert.Single(api.StatusWrites).Status.Conditions;
        Assert.Equal(5, conditions.Count);
        Assert.All(conditions, c => Assert.Equal("False", c.Status));
    }

    [Fact]
    public async Task Finalize_KeepsOtherFinalizers()
    {
        var api = Api(Namespace(true, "kubernetes", "example.com/other"));

        await Reconciler(api).ReconcileAsync(Key, default);

        Assert.Equal([["example.com/other"]], api.Finalized);
    }

    [Fact]
    public async Task NamespaceWithoutTheKubernetesFinalizer_IsNotTouched()
    {
        var api = Api(Namespace(true, "example.com/other"));
        api.Add(Resources.ConfigMaps, "cm");

        await Reconciler(api).ReconcileAsync(Key, default);

        Assert.Empty(api.Calls);
        Assert.Empty(api.Finalized);
    }

    [Fact]
    public async Task ContentHeldByFinalizers_ReportsConditionsAndComesBackLater()
    {
        var api = Api(Namespace());
        api.Add(Resources.Widgets, "held", "example.com/hold");

        var result = await Reconciler(api).ReconcileAsync(Key, default);

        // Upstream's 15 s finalizer estimate, requeued after estimate / 2 + 1.
        Assert.Equal(ReconcileResult.After(TimeSpan.FromSeconds(8)), result);
        Assert.Empty(api.Finalized);
        var conditions = api.StatusWrites.Last().Status.Conditions.ToDictionary(c => c.Type);
        Assert.Equal("Some resources are remaining: widgets.example.com has 1 resource instances", conditions["NamespaceContentRemaining"].Message);
        Assert.Equal("Some finalizers are remaining: example.com/hold in 1 resource instances", conditions["NamespaceFinalizersRemaining"].Message);

        api.Content["widgets"].Clear();
        Assert.Equal(ReconcileResult.Done, await Reconciler(api).ReconcileAsync(Key, default));
        Assert.Single(api.Finalized);
    }

    [Fact]
    public async Task ContentThatWillNotGo_FailsWithContentFailureCondition()
    {
        var api = Api(Namespace());
        api.Add(Resources.ConfigMaps, "cm");
        api.Stubborn.Add("configmaps");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Reconciler(api).ReconcileAsync(Key, default));

        var failure = api.StatusWrites.Last().Status.Conditions.Single(c => c.Type == "NamespaceDeletionContentFailure");
        Assert.Equal("True", failure.Status);
        Assert.Equal("Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: doomed for gvr: /v1, Resource=configmaps", failure.Message);
        Assert.Empty(api.Finalized);
    }

    [Fact]
    public async Task PartialDiscovery_DeletesWhatItCanButDoesNotFinalize()
    {
        var discovery = new DiscoveryResult([Resources.ConfigMaps], [Resources.ConfigMaps], new Dictionary<string, string> { ["example.com/v1"] = "the server is unavailable" });
        var api = new FakeNamespaceClient(Namespace(), discovery);
        api.Add(Resources.ConfigMaps, "cm");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Reconciler(api).ReconcileAsync(Key, default));

        Assert.Contains("deletecollection configmaps", api.Calls);
        Assert.Empty(api.Finalized);
        var failure = api.StatusWrites.Last().Status.Conditions.Single(c => c.Type == "NamespaceDeletionDiscoveryFailure");
        Assert.Equal(("True", "DiscoveryFailed"), (failure.Status, failure.Reason));
        Assert.Equal("Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: example.com/v1: the server is unavailable", failure.Message);
    }

    [Fact]
    public async Task RunningPods_GetTheirGracePeriodCountedFromNamespaceDeletion()
    {
        var api = Api(Namespace());
        api.Add(Resources.Pods, "web", "example.com/hold");
        _pods.Upsert(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "doomed" },
            Spec = new V1PodSpec { TerminationGracePeriodSeconds = 30 },
            Status = new V1PodStatus { Phase = "Running" },
        });
        _time.Advance(TimeSpan.FromSeconds(5));

        var result = await Reconciler(api).ReconcileAsync(Key, default);

        Assert.Equal(ReconcileResult.After(TimeSpan.FromSeconds(16)), result);

        // Once the grace period has passed since the namespace was deleted, only the finalizer estimate is left.
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(ReconcileResult.After(TimeSpan.FromSeconds(8)), await Reconciler(api).ReconcileAsync(Key, default));
    }

    [Fact]
    public async Task FinalizeConflict_IsRetriedOnAFreshRead()
    {
        var api = Api(Namespace());
        api.FinalizeConflicts = 2;

        await Reconciler(api).ReconcileAsync(Key, default);

        Assert.Equal([[]], api.Finalized);
    }
}
