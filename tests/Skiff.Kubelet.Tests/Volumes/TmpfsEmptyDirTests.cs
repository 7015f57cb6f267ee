using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Tests.Volumes;

[Trait("Category", "Slow")]
public sealed class TmpfsEmptyDirTests
{
    [Fact]
    public async Task MemoryEmptyDir_IsSizedTmpfs_UnmountedAtTearDown()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        var dataDir = Directory.CreateTempSubdirectory("skiff-tmpfs-").FullName;
        await using var manager = new VolumeManager(dataDir, new NoSources(), TimeProvider.System, NullLogger.Instance);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "uid-tmpfs" },
            Spec = new V1PodSpec { Containers = [], Volumes = [new V1Volume { Name = "mem", EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new ResourceQuantity("1Mi") } }] },
        };
        try
        {
            var dir = (await manager.SetUpAsync(pod, CancellationToken.None)).HostPath("mem")!.Path;

            Assert.True(Tmpfs.IsMountPoint(dir));
            var line = File.ReadAllLines("/proc/self/mountinfo").Single(l => l.Split(' ')[4] == dir);
            Assert.Contains("tmpfs", line);
            Assert.Contains("size=1024k", line);
            await manager.TearDownAsync("uid-tmpfs", CancellationToken.None);
            Assert.False(Tmpfs.IsMountPoint(dir));
            Assert.False(Directory.Exists(dir));
        }
        finally
        {
            foreach (var mountPoint in Tmpfs.MountPointsUnder(dataDir))
            {
                await Tmpfs.UnmountAsync(mountPoint, CancellationToken.None);
            }

            Directory.Delete(dataDir, recursive: true);
        }
    }

    private sealed class NoSources : IVolumeSources
    {
        public Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct) => Task.FromResult<V1ConfigMap?>(null);

        public Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken ct) => Task.FromResult<V1Secret?>(null);

        public Task<V1PersistentVolumeClaim?> PersistentVolumeClaimAsync(string ns, string name, CancellationToken ct) => Task.FromResult<V1PersistentVolumeClaim?>(null);

        public Task<V1PersistentVolume?> PersistentVolumeAsync(string name, CancellationToken ct) => Task.FromResult<V1PersistentVolume?>(null);

        public Task<string> ServiceAccountTokenAsync(V1Pod pod, string? audience, long expirationSeconds, CancellationToken ct) =>
            Task.FromException<string>(new InvalidOperationException("no tokens here"));
    }
}
