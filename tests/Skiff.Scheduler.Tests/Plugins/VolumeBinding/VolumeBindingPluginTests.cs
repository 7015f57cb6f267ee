using k8s.Models;
using Skiff.Client.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.VolumeBinding;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.VolumeBinding;

public sealed class VolumeBindingPluginTests
{
    public static TheoryData<string, string?, string> Cases => new()
    {
        { "claim bound to a volume pinned to zone a", "bound-zonal", "n1: ok; n2: node(s) had volume node affinity conflict" },
        { "claim bound to a volume without node affinity", "bound-anywhere", "n1: ok; n2: ok" },
        { "unbound claim with immediate binding", "unbound", "n1: pod has unbound immediate PersistentVolumeClaims; n2: pod has unbound immediate PersistentVolumeClaims" },
        { "unbound claim waiting for its first consumer", "delayed", "n1: ok; n2: ok" },
        { "claim that does not exist", "absent", "n1: persistentvolumeclaim \"absent\" not found; n2: persistentvolumeclaim \"absent\" not found" },
        {
            "claim bound to a volume that does not exist",
            "bound-missing",
            "n1: node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s); n2: node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)"
        },
        {
            "claim of an unknown storage class",
            "unknown-class",
            "n1: storageclass.storage.k8s.io \"gold\" not found; n2: storageclass.storage.k8s.io \"gold\" not found"
        },
        { "no claims", null, "n1: ok; n2: ok" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_HonoursClaimsAndVolumeNodeAffinity(string name, string? claim, string expected)
    {
        var pod = Pod();
        if (claim is not null)
        {
            pod.Spec.Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } }];
        }

        var results = PluginRunner.Filter(Plugin(), pod, Info(Node("n1", "zone=a")), Info(Node("n2", "zone=b")));

        Assert.True(expected == PluginRunner.Describe(results), $"{name}: {PluginRunner.Describe(results)}");
    }

    [Fact]
    public void PreFilter_WaitsForTheEphemeralVolumeController()
    {
        var pod = Pod("web");
        pod.Spec.Volumes = [new V1Volume { Name = "scratch", Ephemeral = new V1EphemeralVolumeSource() }];

        var (_, status) = Plugin().PreFilter(new CycleState(), pod, []);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("waiting for ephemeral volume controller to create the persistentvolumeclaim \"web-scratch\"", status.Message);
    }

    [Fact]
    public void PreFilter_SkipsPodsWithoutClaims()
    {
        var (_, status) = Plugin().PreFilter(new CycleState(), Pod(), []);

        Assert.Equal(StatusCode.Skip, status.Code);
    }

    private static VolumeBindingPlugin Plugin()
    {
        var claims = new ObjectCache<V1PersistentVolumeClaim>();
        claims.Upsert(Claim("bound-zonal", volume: "pv-zonal"));
        claims.Upsert(Claim("bound-anywhere", volume: "pv-anywhere"));
        claims.Upsert(Claim("bound-missing", volume: "pv-gone"));
        claims.Upsert(Claim("unbound", storageClass: "standard"));
        claims.Upsert(Claim("delayed", storageClass: "local"));
        claims.Upsert(Claim("unknown-class", storageClass: "gold"));

        var volumes = new ObjectCache<V1PersistentVolume>();
        volumes.Upsert(new V1PersistentVolume
        {
            Metadata = new V1ObjectMeta { Name = "pv-zonal" },
            Spec = new V1PersistentVolumeSpec
            {
                NodeAffinity = new V1VolumeNodeAffinity { Required = new V1NodeSelector { NodeSelectorTerms = [Expression("zone", "In", "a")] } },
            },
        });
        volumes.Upsert(new V1PersistentVolume { Metadata = new V1ObjectMeta { Name = "pv-anywhere" }, Spec = new V1PersistentVolumeSpec() });

        var classes = new ObjectCache<V1StorageClass>();
        classes.Upsert(new V1StorageClass { Metadata = new V1ObjectMeta { Name = "standard" }, Provisioner = "x", VolumeBindingMode = "Immediate" });
        classes.Upsert(new V1StorageClass { Metadata = new V1ObjectMeta { Name = "local" }, Provisioner = "x", VolumeBindingMode = "WaitForFirstConsumer" });
        return new VolumeBindingPlugin(claims, volumes, classes);
    }

    private static V1PersistentVolumeClaim Claim(string name, string? volume = null, string? storageClass = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1PersistentVolumeClaimSpec { VolumeName = volume, StorageClassName = storageClass },
    };
}
