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

    [Fact]
    public async Task StartAsync_OurContainerdLeftByAnEarlierRun_IsStoppedFirst()
    {
        var (layout, binaries) = Setup();
        using var leftover = StartStandIn($"{binaries.Containerd} --config {layout.ConfigFile}", layout);

        await StartFailingAsync(layout, binaries);

        Assert.True(leftover.WaitForExit(TimeSpan.FromSeconds(5)), "the earlier containerd is still running");
    }

    [Fact]
    public async Task StartAsync_PidFileNowNamingAnotherProcess_LeavesItAlone()
    {
        var (layout, binaries) = Setup();
        using var unrelated = StartStandIn("/usr/bin/something-else", layout);
        try
        {
            await StartFailingAsync(layout, binaries);

            Assert.False(unrelated.HasExited);
        }
        finally
        {
            unrelated.Kill();
            unrelated.WaitForExit();
        }
    }

    private (ContainerdLayout Layout, RuntimeBinaries Binaries) Setup() =>
        (new ContainerdLayout(Path.Combine(_dir, "data")), new RuntimeBinaries { Containerd = FakeContainerd("exit 1") });

    /// <summary>A process whose command line reads <paramref name="commandLine"/>, recorded in the pid file as a killed skiff leaves it.</summary>
    private static System.Diagnostics.Process StartStandIn(string commandLine, ContainerdLayout layout)
    {
        var process = System.Diagnostics.Process.Start("/bin/bash", ["-c", $"exec -a '{commandLine}' sleep 60"]);
        var argv0 = commandLine.Split(' ')[0];
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!File.ReadAllText($"/proc/{process.Id}/cmdline").StartsWith(argv0, StringComparison.Ordinal) && DateTime.UtcNow < until)
        {
            Thread.Sleep(10);
        }

        Directory.CreateDirectory(layout.ContainerdDir);
        File.WriteAllText(layout.PidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return process;
    }

    private static async Task StartFailingAsync(ContainerdLayout layout, RuntimeBinaries binaries)
    {
        await using var supervisor = new ContainerdSupervisor(layout, binaries, NullLoggerFactory.Instance, TimeProvider.System);
        await Assert.ThrowsAsync<ContainerRuntimeException>(() => supervisor.StartAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
