using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Tests.ReplicaSet;

public sealed class ReplicationControllerTests
{
    private readonly ManualTime _time = new(ReplicaSetHarness.Start);
    private readonly ObjectCache<V1ReplicationController> _controllers = new();
    private readonly ObjectCache<V1Pod> _pods = new();
    private readonly FakePodControl _control = new();
    private readonly ReplicaSetReconciler _reconciler;

    public ReplicationControllerTests()
    {
        _control.Owners = key => _controllers.Get(key) is { } rc ? ReplicationControllerKind.ToView(rc) : null;
        _reconciler = new ReplicaSetReconciler(
            new ReplicationControllerKind(_controllers), _pods, _control, new PodExpectations(_time), new RecordingEvents(), _time, NullLogger.Instance);
    }

    private static V1ReplicationController Rc(int replicas, IDictionary<string, string>? selector = null) => new()
    {
        ApiVersion = "v1",
        Kind = "ReplicationController",
        Metadata = new V1ObjectMeta { Name = "nginx", NamespaceProperty = Objects.Namespace, Uid = "rc-uid", Generation = 1 },
        Spec = new V1ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = selector ?? new Dictionary<string, string> { ["app"] = "web" },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] },
            },
        },
    };

    private Task Sync() => _reconciler.ReconcileAsync(new ObjectKey(Objects.Namespace, "nginx"), CancellationToken.None);

    [Fact]
    public async Task ReplicationController_CreatesPodsItControls()
    {
        _controllers.Upsert(Rc(2));

        await Sync();

        Assert.Equal(2, _control.Created.Count);
        var owner = Assert.Single(_control.Created[0].Metadata.OwnerReferences);
        Assert.Equal(("v1", "ReplicationController", "nginx", "rc-uid", true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller));
        Assert.Equal("nginx-", _control.Created[0].Metadata.GenerateName);

        // Status counts what the cache showed before this sync's creates, as upstream.
        Assert.Equal((0, 1L), (_control.StatusWrites.Single().Replicas, _control.StatusWrites.Single().ObservedGeneration));
    }

    [Fact]
    public async Task ReplicationController_AdoptsMatchingOrphansByItsMapSelector()
    {
        _controllers.Upsert(Rc(1));
        _pods.Upsert(Objects.Pod("orphan"));
        _pods.Upsert(Objects.Pod("other", app: "db"));

        await Sync();

        Assert.Equal("orphan", Assert.Single(_control.Adopted).Pod.Metadata.Name);
        Assert.Empty(_control.Created);
    }

    private static V1OwnerReference Ref(string apiVersion, string kind) => new() { ApiVersion = apiVersion, Kind = kind, Name = "x", Uid = "u" };

    [Fact]
    public void OwnerReferences_AreMatchedByKindAndGroup()
    {
        var rcKind = new ReplicationControllerKind(_controllers);
        var rsKind = new ReplicaSetKind(new ObjectCache<V1ReplicaSet>());

        Assert.True(rcKind.IsKindOf(Ref("v1", "ReplicationController")));
        Assert.False(rcKind.IsKindOf(Ref("apps/v1", "ReplicaSet")));
        Assert.True(rsKind.IsKindOf(Ref("apps/v1", "ReplicaSet")));
        Assert.False(rsKind.IsKindOf(Ref("example.com/v1", "ReplicaSet")));
    }
}
