using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

public sealed class RuntimeBinariesTests
{
    [Fact]
    public void EnsurePresent_MissingBinaries_NamesEachDebianPackageOnce()
    {
        var binaries = new RuntimeBinaries
        {
            Containerd = "/nonexistent/containerd",
            Ctr = "/nonexistent/ctr",
            Runc = "/nonexistent/runc",
            CniBinDir = "/nonexistent/cni",
            Catatonit = "/usr/bin/catatonit-missing",
        };

        var e = Assert.Throws<MissingRuntimeDependencyException>(binaries.EnsurePresent);

        Assert.Contains("containerd", e.Packages);
        Assert.Contains("runc", e.Packages);
        Assert.Contains("containernetworking-plugins", e.Packages);
        Assert.Contains("catatonit", e.Packages);
        Assert.Equal(e.Packages.Count, e.Packages.Distinct().Count());
        Assert.Contains("/nonexistent/cni/bridge", e.MissingFiles);
        Assert.Contains("apt-get install", e.Message, StringComparison.Ordinal);
        Assert.Contains("containernetworking-plugins", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WithoutContainerd_FailsWithThePackageToInstall()
    {
        var dataDir = Directory.CreateTempSubdirectory("skiff-rt-").FullName;
        try
        {
            var options = new ContainerRuntimeOptions
            {
                DataDir = dataDir,
                Binaries = new RuntimeBinaries { Containerd = "/nonexistent/containerd" },
            };

            var e = await Assert.ThrowsAsync<MissingRuntimeDependencyException>(() =>
                ContainerRuntime.StartAsync(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None));

            Assert.Equal(["containerd"], e.Packages);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
