using System.Text;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Tests.Volumes;

public sealed class VolumeManagerTests : IAsyncDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("skiff-volumes-").FullName;
    private readonly FakeSources _sources = new();
    private readonly FakeTimeProvider _time = new();
    private readonly VolumeManager _manager;

    public VolumeManagerTests()
    {
        _manager = new VolumeManager(_dataDir, _sources, _time, NullLogger.Instance, new VolumeManagerOptions { SecretsOnTmpfs = false });
    }

    private static V1Pod Pod(params V1Volume[] volumes) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "uid-1", Labels = new Dictionary<string, string> { ["a"] = "1" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main" }], Volumes = volumes },
    };

    private static V1Volume ConfigMapVolume(string name, bool optional = false) =>
        new() { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = name, Optional = optional } };

    [Fact]
    public async Task SetUp_ConfigMap_WritesKeysUnderKubeletLayoutReadOnly()
    {
        _sources.ConfigMaps["ns/settings"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["k"] = "v1" } };

        var volumes = await _manager.SetUpAsync(Pod(ConfigMapVolume("settings")), CancellationToken.None);

        var path = volumes.HostPath("cfg")!;
        Assert.Equal(Path.Combine(_dataDir, "agent", "pods", "uid-1", "volumes", "kubernetes.io~configmap", "cfg"), path.Path);
        Assert.True(path.ReadOnly);
        Assert.Equal("v1", File.ReadAllText(Path.Combine(path.Path, "k")));
    }

    [Fact]
    public async Task SetUp_MissingConfigMap_FailsMountWithUpstreamMessage()
    {
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => _manager.SetUpAsync(Pod(ConfigMapVolume("absent")), CancellationToken.None));

        Assert.Equal("FailedMount", e.Reason);
        Assert.Equal("MountVolume.SetUp failed for volume \"cfg\" : configmap \"absent\" not found", e.Message);
    }

    [Fact]
    public async Task SetUp_MissingOptionalConfigMap_IsAnEmptyVolume()
    {
        var volumes = await _manager.SetUpAsync(Pod(ConfigMapVolume("absent", optional: true)), CancellationToken.None);

        Assert.Empty(Directory.GetFiles(volumes.HostPath("cfg")!.Path));
    }

    [Fact]
    public async Task Resync_ConfigMapChange_ReachesTheVolume()
    {
        _sources.ConfigMaps["ns/settings"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["k"] = "v1" } };
        var volumes = await _manager.SetUpAsync(Pod(ConfigMapVolume("settings")), CancellationToken.None);
        _sources.ConfigMaps["ns/settings"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["k"] = "v2" } };

        await _manager.ResyncAsync(CancellationToken.None);

        Assert.Equal("v2", File.ReadAllText(Path.Combine(volumes.HostPath("cfg")!.Path, "k")));
    }

    [Fact]
    public async Task SetUp_SecretWithoutTmpfs_IsAPrivateDirectory()
    {
        _sources.Secrets["ns/s"] = new V1Secret { Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("hunter2") } };

        var volumes = await _manager.SetUpAsync(Pod(new V1Volume { Name = "sec", Secret = new V1SecretVolumeSource { SecretName = "s", DefaultMode = 256 } }), CancellationToken.None);

        var dir = volumes.HostPath("sec")!.Path;
        Assert.Equal("hunter2", File.ReadAllText(Path.Combine(dir, "password")));
        Assert.Equal((UnixFileMode)448, File.GetUnixFileMode(dir));
        Assert.Equal((UnixFileMode)256, File.GetUnixFileMode(Path.Combine(dir, "..data", "password")));
    }

    [Fact]
    public async Task SetUp_Projected_CombinesTokenConfigMapAndDownwardApi()
    {
        _sources.ConfigMaps["ns/c"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["ca.crt"] = "CA" } };
        _sources.Token = "header.claims.signature";
        var volume = new V1Volume
        {
            Name = "api",
            Projected = new V1ProjectedVolumeSource
            {
                Sources =
                [
                    new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token" } },
                    new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "c" } },
                    new V1VolumeProjection { DownwardAPI = new V1DownwardAPIProjection { Items = [new V1DownwardAPIVolumeFile { Path = "namespace", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } }] } },
                ],
            },
        };

        var dir = (await _manager.SetUpAsync(Pod(volume), CancellationToken.None)).HostPath("api")!.Path;

        Assert.Equal("CA", File.ReadAllText(Path.Combine(dir, "ca.crt")));
        Assert.Equal("ns", File.ReadAllText(Path.Combine(dir, "namespace")));
        Assert.Equal("header.claims.signature", File.ReadAllText(Path.Combine(dir, "token")));
        Assert.Equal(["p/3600"], _sources.TokenRequests);
    }

    [Fact]
    public async Task SetUp_ProjectedToken_RefusedByTheApi_FailsMount()
    {
        var volume = new V1Volume
        {
            Name = "api",
            Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token" } }] },
        };

        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => _manager.SetUpAsync(Pod(volume), CancellationToken.None));

        Assert.Equal("FailedMount", e.Reason);
        Assert.EndsWith("failed to fetch token: serviceaccounts \"default\" not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetUp_UnboundClaim_FailsMount()
    {
        _sources.Claims["ns/data"] = new V1PersistentVolumeClaim { Spec = new V1PersistentVolumeClaimSpec(), Status = new V1PersistentVolumeClaimStatus { Phase = "Pending" } };

        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => _manager.SetUpAsync(
            Pod(new V1Volume { Name = "d", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "data" } }), CancellationToken.None));

        Assert.Equal("PVC ns/data has non-bound phase (\"Pending\") or empty pvc.Spec.VolumeName (\"\")", e.Message);
    }

    [Fact]
    public async Task SetUp_BoundClaimToHostPathPv_UsesThePvPath()
    {
        var hostDir = Path.Combine(_dataDir, "pv");
        _sources.Claims["ns/data"] = new V1PersistentVolumeClaim { Spec = new V1PersistentVolumeClaimSpec { VolumeName = "pv1" }, Status = new V1PersistentVolumeClaimStatus { Phase = "Bound" } };
        _sources.Volumes["pv1"] = new V1PersistentVolume { Spec = new V1PersistentVolumeSpec { HostPath = new V1HostPathVolumeSource { Path = hostDir, Type = "DirectoryOrCreate" } } };

        var volumes = await _manager.SetUpAsync(
            Pod(new V1Volume { Name = "d", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "data", ReadOnlyProperty = true } }), CancellationToken.None);

        Assert.Equal(new VolumeHostPath(hostDir, true), volumes.HostPath("d"));
        Assert.True(Directory.Exists(hostDir));
    }

    [Fact]
    public async Task TearDown_RemovesEveryVolumeDirectory()
    {
        _sources.ConfigMaps["ns/settings"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["k"] = "v1" } };
        await _manager.SetUpAsync(Pod(ConfigMapVolume("settings"), new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }), CancellationToken.None);

        await _manager.TearDownAsync("uid-1", CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(_dataDir, "agent", "pods", "uid-1", "volumes")));
    }

    [Fact]
    public async Task SetUp_HostPathTypeMismatch_FailsMount()
    {
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => _manager.SetUpAsync(
            Pod(new V1Volume { Name = "h", HostPath = new V1HostPathVolumeSource { Path = "/nonexistent-skiff-dir", Type = "Directory" } }), CancellationToken.None));

        Assert.Equal("MountVolume.SetUp failed for volume \"h\" : hostPath type check failed: /nonexistent-skiff-dir is not a directory", e.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _manager.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    private sealed class FakeSources : IVolumeSources
    {
        public Dictionary<string, V1ConfigMap> ConfigMaps { get; } = [];

        public Dictionary<string, V1Secret> Secrets { get; } = [];

        public Dictionary<string, V1PersistentVolumeClaim> Claims { get; } = [];

        public Dictionary<string, V1PersistentVolume> Volumes { get; } = [];

        public Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct) => Task.FromResult(ConfigMaps.GetValueOrDefault($"{ns}/{name}"));

        public Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken ct) => Task.FromResult(Secrets.GetValueOrDefault($"{ns}/{name}"));

        public Task<V1PersistentVolumeClaim?> PersistentVolumeClaimAsync(string ns, string name, CancellationToken ct) => Task.FromResult(Claims.GetValueOrDefault($"{ns}/{name}"));

        public Task<V1PersistentVolume?> PersistentVolumeAsync(string name, CancellationToken ct) => Task.FromResult(Volumes.GetValueOrDefault(name));

        public string? Token { get; set; }

        public List<string> TokenRequests { get; } = [];

        public Task<string> ServiceAccountTokenAsync(V1Pod pod, string? audience, long expirationSeconds, CancellationToken ct)
        {
            TokenRequests.Add($"{pod.Metadata.Name}/{expirationSeconds}");
            return Token is null ? Task.FromException<string>(new InvalidOperationException("serviceaccounts \"default\" not found")) : Task.FromResult(Token);
        }
    }
}
