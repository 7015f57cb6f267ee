using k8s.Models;
using Skiff.Client;
using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

public sealed class OwnershipTests
{
    private static V1ReplicaSet Orphan(string name, string app, V1OwnerReference? owner = null) =>
        new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = DeploymentHarness.Ns,
                Uid = $"uid-{name}",
                ResourceVersion = "1",
                CreationTimestamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                Labels = new Dictionary<string, string> { ["app"] = app },
                OwnerReferences = owner is null ? null : [owner],
            },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = 0,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "other:1" }] },
                },
            },
            Status = new V1ReplicaSetStatus { Replicas = 0 },
        };

    [Fact]
    public async Task MatchingOrphan_IsAdopted_OthersAreLeftAlone()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1);
        h.ReplicaSets.Upsert(Orphan("orphan", "web"));
        h.ReplicaSets.Upsert(Orphan("unrelated", "db"));
        h.ReplicaSets.Upsert(Orphan("foreign", "web", new V1OwnerReference { Kind = "Deployment", Name = "x", Uid = "uid-x", Controller = true }));

        await h.ReconcileAsync();

        Assert.Contains("adopt orphan", h.Writer.Log);
        var names = h.Sets().Select(rs => rs.Metadata.Name).ToList();
        Assert.Contains("orphan", names);
        Assert.DoesNotContain("unrelated", names);
        Assert.DoesNotContain("foreign", names);
    }

    [Fact]
    public async Task OwnedSetThatStopsMatching_IsReleased()
    {
        var h = new DeploymentHarness();
        var d = h.Create(replicas: 1);
        h.ReplicaSets.Upsert(Orphan("stray", "db", Ownership.ControllerReference(d)));

        await h.ReconcileAsync();

        Assert.Contains("release stray", h.Writer.Log);
        Assert.Empty(h.ReplicaSets.Get(new ObjectKey(DeploymentHarness.Ns, "stray"))!.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task DeploymentBeingDeleted_AdoptsNothing_AndCreatesNothing()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1);
        h.Edit(d => d.Metadata.DeletionTimestamp = DateTime.UtcNow);
        h.ReplicaSets.Upsert(Orphan("orphan", "web"));

        await h.ReconcileAsync();

        Assert.DoesNotContain(h.Writer.Log, l => l.StartsWith("adopt", StringComparison.Ordinal) || l.StartsWith("create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SelectorMatchingEverything_IsRefusedWithAnEvent()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1);
        h.Edit(d => d.Spec.Selector = new V1LabelSelector());

        await h.ReconcileAsync();

        Assert.Empty(h.ReplicaSets.List());
        Assert.Equal(["This deployment is selecting all pods. A non-empty selector is required."], h.Events.Messages("SelectingAll"));
        Assert.Equal(h.Get().Metadata.Generation, h.Get().Status.ObservedGeneration);
    }

    [Fact]
    public async Task NameTakenByAnotherTemplate_BumpsCollisionCount_ThenUsesAnotherName()
    {
        var h = new DeploymentHarness();
        var d = h.Create(replicas: 1);
        var taken = Orphan($"web-{PodTemplates.ComputeHash(d.Spec.Template, null)}", "other", new V1OwnerReference { Kind = "Deployment", Name = "x", Uid = "uid-x", Controller = true });
        h.ReplicaSets.Upsert(taken);

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.ReconcileAsync());
        Assert.Equal(1, h.Get().Status.CollisionCount);

        await h.ReconcileAsync();

        var rs = Assert.Single(h.Sets());
        Assert.Equal($"web-{PodTemplates.ComputeHash(d.Spec.Template, 1)}", rs.Metadata.Name);
        Assert.NotEqual(taken.Metadata.Name, rs.Metadata.Name);
    }

    [Fact]
    public async Task OwnSetAlreadyThere_WhenTheListLagged_IsTakenAsTheNewSet()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 2);
        await h.ReconcileAsync();
        var created = h.Sets()[0];

        // A sync whose list of sets misses the one it made last time: the create collides with our own set.
        var lagging = new LaggingLister(h.ReplicaSets, created.Metadata.Name);
        var reconciler = new DeploymentReconciler(h.Deployments, lagging, h.Pods, new SyncServices(h.Writer, h.Events, h.Time, h.ReplicaSets));
        await reconciler.ReconcileAsync(ObjectKey.Of(h.Get()), CancellationToken.None);

        Assert.Contains($"create {created.Metadata.Name} exists", h.Writer.Log);
        Assert.Equal(created.Metadata.Uid, Assert.Single(h.Sets()).Metadata.Uid);
        Assert.Null(h.Get().Status.CollisionCount);
    }

    [Fact]
    public async Task CreateFailure_SetsReplicaSetCreateError_AndWarns()
    {
        var h = new DeploymentHarness();
        h.Create(replicas: 1);
        h.Writer.FailCreates = new ApiCallException(403, "Forbidden", "exceeded quota: compute-resources");

        await Assert.ThrowsAsync<ApiCallException>(() => h.ReconcileAsync());

        var expected = $"Failed to create new replica set \"web-{PodTemplates.ComputeHash(h.Get().Spec.Template, null)}\": exceeded quota: compute-resources";
        var condition = h.Get().Status.Conditions.Single(c => c.Type == "Progressing");
        Assert.Equal(("False", "ReplicaSetCreateError", expected), (condition.Status, condition.Reason, condition.Message));
        Assert.Equal([expected], h.Events.Messages("ReplicaSetCreateError"));
    }

    [Fact]
    public void PodEvents_WakeOnlyRecreateDeployments()
    {
        var h = new DeploymentHarness();
        var rolling = h.Create(name: "rolling");
        var recreate = h.Create(name: "recreate", strategy: "Recreate");
        V1Pod PodOf(V1Deployment d)
        {
            var rs = Orphan($"{d.Metadata.Name}-rs", d.Metadata.Name, Ownership.ControllerReference(d));
            h.ReplicaSets.Upsert(rs);
            return new V1Pod
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "p",
                    NamespaceProperty = DeploymentHarness.Ns,
                    OwnerReferences = [new V1OwnerReference { Kind = "ReplicaSet", Name = rs.Metadata.Name, Uid = rs.Metadata.Uid, Controller = true }],
                },
            };
        }

        Assert.Empty(OwnerMapping.RecreateDeploymentOf(PodOf(rolling), h.ReplicaSets, h.Deployments));
        Assert.Equal([ObjectKey.Of(recreate)], OwnerMapping.RecreateDeploymentOf(PodOf(recreate), h.ReplicaSets, h.Deployments));
    }

    [Fact]
    public void OrphanSetEvents_WakeTheDeploymentsThatMatchIt()
    {
        var h = new DeploymentHarness();
        var web = h.Create(name: "web");
        h.Create(name: "db");

        Assert.Equal([ObjectKey.Of(web)], OwnerMapping.AdoptersOf(Orphan("o", "web"), h.Deployments));
        Assert.Empty(OwnerMapping.AdoptersOf(Orphan("o", "web", Ownership.ControllerReference(web)), h.Deployments));
    }
}
