using k8s;
using k8s.Models;
using static Skiff.E2E.SchedulerPods;

namespace Skiff.E2E;

/// <summary>The embedded scheduler against hollow nodes: placement rules, failure messages, preemption, profiles.</summary>
[Trait("Category", "Slow")]
public sealed class SchedulerTests : IClassFixture<SchedulerCluster>
{
    private const string Zone = "topology.kubernetes.io/zone";

    private readonly SchedulerCluster _cluster;

    public SchedulerTests(SchedulerCluster cluster)
    {
        _cluster = cluster;
    }

    private Kubernetes Client => _cluster.Client;

    [Fact]
    public async Task NodeSelector_PutsThePodOnTheOnlyMatchingNode()
    {
        var ns = await _cluster.NamespaceAsync("sel");
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("p", tier: "b"), ns);

        var pod = await _cluster.BoundAsync(ns, "p");

        Assert.Equal(_cluster.TierB.NodeNames[0], pod.Spec.NodeName);
        Assert.Contains(pod.Status.Conditions, c => c.Type == "PodScheduled" && c.Status == "True");
    }

    [Fact]
    public async Task RequiredNodeAffinity_PicksTheNodeInTheNamedZone()
    {
        var ns = await _cluster.NamespaceAsync("req");
        var pod = Pod("p");
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [Requirement("tier", "a"), Requirement(Zone, "zone-1")] }],
                },
            },
        };
        await Client.CoreV1.CreateNamespacedPodAsync(pod, ns);

        var bound = await _cluster.BoundAsync(ns, "p");

        Assert.Equal(_cluster.TierA.NodeNames[1], bound.Spec.NodeName);
    }

    [Fact]
    public async Task PreferredNodeAffinity_WinsTheScore()
    {
        var ns = await _cluster.NamespaceAsync("pref");
        for (var i = 0; i < 3; i++)
        {
            var pod = Pod($"p{i}");
            pod.Spec.Affinity = new V1Affinity
            {
                NodeAffinity = new V1NodeAffinity
                {
                    PreferredDuringSchedulingIgnoredDuringExecution =
                    [
                        new V1PreferredSchedulingTerm { Weight = 100, Preference = new V1NodeSelectorTerm { MatchExpressions = [Requirement("tier", "b")] } },
                    ],
                },
            };
            await Client.CoreV1.CreateNamespacedPodAsync(pod, ns);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(_cluster.TierB.NodeNames[0], (await _cluster.BoundAsync(ns, $"p{i}")).Spec.NodeName);
        }
    }

    [Fact]
    public async Task DeploymentWithZoneAntiAffinity_PutsOneReplicaInEachZone()
    {
        var ns = await _cluster.NamespaceAsync("anti");
        var labels = new Dictionary<string, string> { ["app"] = "spread" };
        var template = Pod("unused", tier: "a", labels: labels);
        template.Spec.Affinity = new V1Affinity
        {
            PodAntiAffinity = new V1PodAntiAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PodAffinityTerm { TopologyKey = Zone, LabelSelector = new V1LabelSelector { MatchLabels = labels } },
                ],
            },
        };
        await Client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = "spread" },
                Spec = new V1DeploymentSpec
                {
                    Replicas = 3,
                    Selector = new V1LabelSelector { MatchLabels = labels },
                    Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = template.Spec },
                },
            },
            ns);

        var pods = await SchedulerCluster.Until(
            () => Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=spread"),
            list => list.Items.Count == 3 && list.Items.All(p => !string.IsNullOrEmpty(p.Spec.NodeName)),
            TimeSpan.FromSeconds(60));

        var nodes = pods.Items.Select(p => p.Spec.NodeName).Order(StringComparer.Ordinal);
        Assert.Equal(_cluster.TierA.NodeNames.Order(StringComparer.Ordinal), nodes);
    }

    [Fact]
    public async Task AFourthAntiAffinityReplica_StaysPendingWithTheAffinityReason()
    {
        var ns = await _cluster.NamespaceAsync("anti4");
        var labels = new Dictionary<string, string> { ["app"] = "solo" };
        for (var i = 0; i < 4; i++)
        {
            var pod = Pod($"p{i}", tier: "a", labels: labels);
            pod.Spec.Affinity = new V1Affinity
            {
                PodAntiAffinity = new V1PodAntiAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution =
                    [
                        new V1PodAffinityTerm { TopologyKey = Zone, LabelSelector = new V1LabelSelector { MatchLabels = labels } },
                    ],
                },
            };
            await Client.CoreV1.CreateNamespacedPodAsync(pod, ns);
            if (i < 3)
            {
                await _cluster.BoundAsync(ns, $"p{i}");
            }
        }

        var pending = await _cluster.UnschedulableAsync(ns, "p3");

        var condition = pending.Status.Conditions.Single(c => c.Type == "PodScheduled");
        Assert.Equal("Unschedulable", condition.Reason);
        Assert.Contains("3 node(s) didn't match pod anti-affinity rules", condition.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taints_KeepPodsOff_UnlessTolerated()
    {
        var ns = await _cluster.NamespaceAsync("taint");
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("plain", tier: "c"), ns);
        var tolerating = Pod("tolerating", tier: "c");
        tolerating.Spec.Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "gpu", Effect = "NoSchedule" }];
        await Client.CoreV1.CreateNamespacedPodAsync(tolerating, ns);

        var bound = await _cluster.BoundAsync(ns, "tolerating");
        var pending = await _cluster.UnschedulableAsync(ns, "plain");

        Assert.Equal(_cluster.TierC.NodeNames[0], bound.Spec.NodeName);
        Assert.Null(pending.Spec.NodeName);
        var message = pending.Status.Conditions.Single(c => c.Type == "PodScheduled").Message;
        Assert.Contains("1 node(s) had untolerated taint {dedicated: gpu}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopologySpread_MaxSkewOne_BalancesZones()
    {
        var ns = await _cluster.NamespaceAsync("spread");
        var labels = new Dictionary<string, string> { ["app"] = "even" };
        for (var i = 0; i < 6; i++)
        {
            var pod = Pod($"p{i}", tier: "a", labels: labels);
            pod.Spec.TopologySpreadConstraints =
            [
                new V1TopologySpreadConstraint
                {
                    MaxSkew = 1,
                    TopologyKey = Zone,
                    WhenUnsatisfiable = "DoNotSchedule",
                    LabelSelector = new V1LabelSelector { MatchLabels = labels },
                },
            ];
            await Client.CoreV1.CreateNamespacedPodAsync(pod, ns);
        }

        var pods = await SchedulerCluster.Until(
            () => Client.CoreV1.ListNamespacedPodAsync(ns),
            list => list.Items.All(p => !string.IsNullOrEmpty(p.Spec.NodeName)),
            TimeSpan.FromSeconds(60));

        var perNode = pods.Items.GroupBy(p => p.Spec.NodeName).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.All(_cluster.TierA.NodeNames, n => Assert.Equal(2, perNode.GetValueOrDefault(n)));
    }

    [Fact]
    public async Task ResourceExhaustion_ReportsInsufficientCpuPerNode_InEventAndCondition()
    {
        var ns = await _cluster.NamespaceAsync("cpu");
        var pod = Pod("huge", cpu: "100");
        pod.Spec.Tolerations = [new V1Toleration { OperatorProperty = "Exists" }];
        await Client.CoreV1.CreateNamespacedPodAsync(pod, ns);

        var pending = await _cluster.UnschedulableAsync(ns, "huge");

        var nodes = (await Client.CoreV1.ListNodeAsync()).Items.Count;
        var expected = $"0/{nodes} nodes are available: {nodes} Insufficient cpu. preemption: 0/{nodes} nodes are available: {nodes} No preemption victims found for incoming pod.";
        var condition = pending.Status.Conditions.Single(c => c.Type == "PodScheduled");
        Assert.Equal("Unschedulable", condition.Reason);
        Assert.Equal(expected, condition.Message);
        var events = await SchedulerCluster.Until(() => _cluster.FailedSchedulingEventsAsync(ns, "huge"), e => e.Count > 0, TimeSpan.FromSeconds(10));
        Assert.Equal(expected, events[0].Message);
        Assert.Equal("Warning", events[0].Type);
    }

    [Fact]
    public async Task PendingPod_IsScheduled_AsSoonAsAFittingNodeAppears()
    {
        var ns = await _cluster.NamespaceAsync("late");
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("waiting", tier: "late", cpu: "6"), ns);
        await _cluster.UnschedulableAsync(ns, "waiting");

        var late = await _cluster.AddNodesAsync(1, "--labels", "tier=late", "--cpu", "8");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var bound = await _cluster.BoundAsync(ns, "waiting");

        Assert.Equal(late.NodeNames[0], bound.Spec.NodeName);
        // A node event moves the pod out of the unschedulable set at once; without it the pod would wait for the 5-minute flush.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"bound after {clock.Elapsed}");
    }

    [Fact]
    public async Task HigherPriorityPod_PreemptsALowerPriorityOne()
    {
        var ns = await _cluster.NamespaceAsync("preempt");
        var low = $"{ns}-low";
        var high = $"{ns}-high";
        await Client.SchedulingV1.CreatePriorityClassAsync(new V1PriorityClass { Metadata = new V1ObjectMeta { Name = low }, Value = 100 });
        await Client.SchedulingV1.CreatePriorityClassAsync(new V1PriorityClass { Metadata = new V1ObjectMeta { Name = high }, Value = 1000 });
        try
        {
            var victim = Pod("victim", tier: "b", cpu: "3");
            victim.Spec.PriorityClassName = low;
            await Client.CoreV1.CreateNamespacedPodAsync(victim, ns);
            var victimBound = await _cluster.BoundAsync(ns, "victim");

            var list = await Client.CoreV1.ListNamespacedPodAsync(ns);
            var nominated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var watch = Task.Run(async () =>
            {
                try
                {
                    await foreach (var (_, pod) in Client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: stop.Token))
                    {
                        if (pod.Metadata.Name == "preemptor" && !string.IsNullOrEmpty(pod.Status?.NominatedNodeName))
                        {
                            nominated.TrySetResult(pod.Status.NominatedNodeName);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });

            var preemptor = Pod("preemptor", tier: "b", cpu: "3");
            preemptor.Spec.PriorityClassName = high;
            await Client.CoreV1.CreateNamespacedPodAsync(preemptor, ns);

            var bound = await _cluster.BoundAsync(ns, "preemptor");
            var nominatedNode = await nominated.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await stop.CancelAsync();
            await watch;

            Assert.Equal(victimBound.Spec.NodeName, bound.Spec.NodeName);
            Assert.Equal(victimBound.Spec.NodeName, nominatedNode);
            var left = await Client.CoreV1.ListNamespacedPodAsync(ns);
            Assert.DoesNotContain(left.Items, p => p.Metadata.Name == "victim" && p.Metadata.Uid == victimBound.Metadata.Uid && p.Metadata.DeletionTimestamp is null);
        }
        finally
        {
            // Free the node for tests that run later; the classes are cluster-scoped.
            await Client.CoreV1.DeleteNamespacedPodAsync("preemptor", ns, gracePeriodSeconds: 0);
            await Client.SchedulingV1.DeletePriorityClassAsync(low);
            await Client.SchedulingV1.DeletePriorityClassAsync(high);
        }
    }

    [Fact]
    public async Task SecondProfile_SchedulesItsPods_AndAnUnknownSchedulerNameStaysPending()
    {
        var ns = await _cluster.NamespaceAsync("profiles");
        var second = Pod("second", tier: "a");
        second.Spec.SchedulerName = SchedulerCluster.SecondProfile;
        var unknown = Pod("unknown", tier: "a");
        unknown.Spec.SchedulerName = "no-such-scheduler";
        await Client.CoreV1.CreateNamespacedPodAsync(unknown, ns);
        await Client.CoreV1.CreateNamespacedPodAsync(second, ns);

        var bound = await _cluster.BoundAsync(ns, "second");

        // Events are sent in the background after the binding, so the Scheduled one may trail the pod's nodeName.
        await SchedulerCluster.Until(
            () => Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=second"),
            list => list.Items.Any(e => e.Reason == "Scheduled"),
            TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var ignored = await Client.CoreV1.ReadNamespacedPodAsync("unknown", ns);

        Assert.Contains(bound.Spec.NodeName, _cluster.TierA.NodeNames);
        Assert.Null(ignored.Spec.NodeName);
        Assert.DoesNotContain(ignored.Status?.Conditions ?? [], c => c.Type == "PodScheduled");
        Assert.Empty(await _cluster.FailedSchedulingEventsAsync(ns, "unknown"));
    }
}
