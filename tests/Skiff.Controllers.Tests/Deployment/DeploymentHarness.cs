using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;
using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

/// <summary>
/// A Deployment controller over fake listers and a fake writer, plus a stand-in for the ReplicaSet controller and the
/// kubelet: <see cref="StartPods"/> makes each set run its spec (removed pods go first), <see cref="MakeAvailable"/>
/// makes them available.
/// </summary>
internal sealed class DeploymentHarness
{
    public const string Ns = "default";

    private int _uids;

    public DeploymentHarness()
    {
        Writer = new FakeDeploymentWriter(Deployments, ReplicaSets, Time);
        Reconciler = new DeploymentReconciler(Deployments, ReplicaSets, Pods, new SyncServices(Writer, Events, Time, ReplicaSets));
    }

    public ObjectCache<V1Deployment> Deployments { get; } = new();

    public ObjectCache<V1ReplicaSet> ReplicaSets { get; } = new();

    public ObjectCache<V1Pod> Pods { get; } = new();

    public ManualTime Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordedEvents Events { get; } = new();

    public FakeDeploymentWriter Writer { get; }

    public DeploymentReconciler Reconciler { get; }

    public V1Deployment Create(
        string name = "web",
        int replicas = 3,
        string image = "nginx:1",
        string strategy = "RollingUpdate",
        string maxSurge = "25%",
        string maxUnavailable = "25%",
        int? progressDeadlineSeconds = 600,
        int? revisionHistoryLimit = 10)
    {
        var d = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = Ns,
                Uid = $"uid-deploy-{++_uids}",
                Generation = 1,
                ResourceVersion = Writer.NextVersion(),
                CreationTimestamp = Time.GetUtcNow().UtcDateTime,
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Strategy = strategy == "Recreate"
                    ? new V1DeploymentStrategy { Type = "Recreate" }
                    : new V1DeploymentStrategy
                    {
                        Type = "RollingUpdate",
                        RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = maxSurge, MaxUnavailable = maxUnavailable },
                    },
                ProgressDeadlineSeconds = progressDeadlineSeconds,
                RevisionHistoryLimit = revisionHistoryLimit,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
                },
            },
        };
        Deployments.Upsert(d);
        return d;
    }

    public V1Deployment Get(string name = "web") => Deployments.Get(new ObjectKey(Ns, name))!;

    /// <summary>A user's change: a new resourceVersion, and a new generation when the spec changed.</summary>
    public void Edit(Action<V1Deployment> change, string name = "web")
    {
        var current = Get(name);
        var copy = ModelCopy.Of(current);
        change(copy);
        copy.Metadata.ResourceVersion = Writer.NextVersion();
        if (CanonicalJson.Of(copy.Spec) != CanonicalJson.Of(current.Spec))
        {
            copy.Metadata.Generation = (current.Metadata.Generation ?? 0) + 1;
        }

        Deployments.Upsert(copy);
    }

    public void SetImage(string image, string name = "web") =>
        Edit(d => d.Spec.Template.Spec.Containers[0].Image = image, name);

    public Task<ReconcileResult> ReconcileAsync(string name = "web") =>
        Reconciler.ReconcileAsync(new ObjectKey(Ns, name), CancellationToken.None);

    /// <summary>The sets the Deployment owns, oldest first.</summary>
    public List<V1ReplicaSet> Sets(string name = "web")
    {
        var uid = Get(name).Metadata.Uid;
        var sets = ReplicaSets.List(Ns).Where(rs => rs.Metadata.OwnerReferences?.Any(r => r.Uid == uid) == true).ToList();
        sets.Sort(ReplicaSetOrder.ByCreation);
        return sets;
    }

    public V1ReplicaSet SetWithImage(string image, string name = "web") =>
        Sets(name).Single(rs => rs.Spec.Template.Spec.Containers[0].Image == image);

    public static string Condition(V1Deployment d, string type) =>
        d.Status?.Conditions?.FirstOrDefault(c => c.Type == type) is { } c ? $"{c.Status} {c.Reason}" : "none";

    /// <summary>Each set runs what its spec says; pods removed by a scale-down are taken from the unavailable ones first.</summary>
    public void StartPods()
    {
        foreach (var rs in ReplicaSets.List(Ns))
        {
            var copy = ModelCopy.Of(rs);
            var spec = copy.Spec.Replicas ?? 1;
            copy.Status ??= new V1ReplicaSetStatus();
            copy.Status.Replicas = spec;
            copy.Status.AvailableReplicas = Math.Min(copy.Status.AvailableReplicas ?? 0, spec);
            copy.Status.ReadyReplicas = Math.Min(copy.Status.ReadyReplicas ?? 0, spec);
            copy.Status.ObservedGeneration = copy.Metadata.Generation;
            copy.Metadata.ResourceVersion = Writer.NextVersion();
            ReplicaSets.Upsert(copy);
        }
    }

    /// <summary>Every running pod (of the sets whose name passes <paramref name="filter"/>) becomes ready and available.</summary>
    public void MakeAvailable(Func<V1ReplicaSet, bool>? filter = null)
    {
        foreach (var rs in ReplicaSets.List(Ns).Where(filter ?? (_ => true)))
        {
            var copy = ModelCopy.Of(rs);
            copy.Status ??= new V1ReplicaSetStatus();
            copy.Status.AvailableReplicas = copy.Status.Replicas;
            copy.Status.ReadyReplicas = copy.Status.Replicas;
            copy.Metadata.ResourceVersion = Writer.NextVersion();
            ReplicaSets.Upsert(copy);
        }
    }

    /// <summary>Lets pods start and become available, then reconciles, until a reconcile writes nothing.</summary>
    public async Task SettleAsync(string name = "web", int maxRounds = 50)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            StartPods();
            MakeAvailable();
            var before = Writer.Log.Count;
            await ReconcileAsync(name);
            if (Writer.Log.Count == before)
            {
                return;
            }
        }

        throw new InvalidOperationException($"deployment {name} did not settle in {maxRounds} rounds:\n{string.Join('\n', Writer.Log)}");
    }
}
