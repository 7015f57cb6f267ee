using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

[Trait("Category", "Slow")]
public sealed class ContainerdSupervisorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skiff-supervisor-").FullName;

    private string FakeContainerd(string script)
    {
        var path = Path.Combine(_dir, "containerd");
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    [Fact]
    public async Task StartAsync_ContainerdExitsAtOnce_FailsWithTheEndOfItsLog()
    {
        var layout = new ContainerdLayout(Path.Combine(_dir, "data"));
        var binaries = new RuntimeBinaries { Containerd = FakeContainerd("echo 'failed to load TOML: bad key' >&2; exit 3") };
        await using var supervisor = new ContainerdSupervisor(layout, binaries, NullLoggerFactory.Instance, TimeProvider.System);

        var e = await Assert.ThrowsAsync<ContainerRuntimeException>(() => supervisor.StartAsync(TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Contains("exited with code 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("failed to load TOML: bad key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ContainerdNeverAnswers_TimesOutAndStopsIt()
    {
        var layout = new ContainerdLayout(Path.Combine(_dir, "data"));
        var binaries = new RuntimeBinaries { Containerd = FakeContainerd("exec sleep 60") };
        await using var supervisor = new ContainerdSupervisor(layout, binaries, NullLoggerFactory.Instance, TimeProvider.System);

        var e = await Assert.ThrowsAsync<ContainerRuntimeException>(() => supervisor.StartAsync(TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains("did not answer", e.Message, StringComparison.Ordinal);
        var pid = int.Parse(File.ReadAllText(layout.PidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Signals.IsAlive(pid));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
