using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Logs;
using Xunit;

namespace Skiff.Kubelet.Tests.Logs;

public sealed class ContainerLogManagerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skiff-logmanager-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero));
    private readonly FakeLogRuntime _runtime = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RotateOnce_RotatesOnlyRunningContainersThatReachedTheMaxSize()
    {
        Container("big", running: true, size: 200);
        Container("small", running: true, size: 50);
        Container("exited", running: false, size: 500);

        await Manager().RotateOnceAsync(CancellationToken.None);

        Assert.Equal(["big"], _runtime.Reopened);
        Assert.Single(ContainerLogRotator.RotatedFiles(_runtime.LogPaths["big"]));
        Assert.Empty(ContainerLogRotator.RotatedFiles(_runtime.LogPaths["small"]));
        Assert.Empty(ContainerLogRotator.RotatedFiles(_runtime.LogPaths["exited"]));
    }

    [Fact]
    public async Task RotateOnce_AFailingContainerDoesNotStopTheOthers()
    {
        Container("a", running: true, size: 200);
        Container("b", running: true, size: 200);
        _runtime.FailingReopen.Add("a");

        await Manager().RotateOnceAsync(CancellationToken.None);

        Assert.Equal(["b"], _runtime.Reopened);
        Assert.Empty(ContainerLogRotator.RotatedFiles(_runtime.LogPaths["a"]));
        Assert.Single(ContainerLogRotator.RotatedFiles(_runtime.LogPaths["b"]));
    }

    [Fact]
    public async Task Run_ChecksAgainEveryMonitorInterval()
    {
        Container("a", running: true, size: 200);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = Manager().RunAsync(cts.Token);
        await WaitForAsync(() => _runtime.Reopened.Count == 1, cts.Token);

        File.WriteAllText(_runtime.LogPaths["a"], new string('b', 200));
        var firstPass = _time.GetUtcNow();
        while (_runtime.Reopened.Count < 2)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, cts.Token);
        }

        Assert.True(_time.GetUtcNow() - firstPass >= TimeSpan.FromSeconds(10), $"checked again after {_time.GetUtcNow() - firstPass}");
        await cts.CancelAsync();
        await run;
        Assert.Equal(2, ContainerLogRotator.RotatedFiles(_runtime.LogPaths["a"]).Count);
    }

    private ContainerLogManager Manager() =>
        new(_runtime, new ContainerLogPolicy { MaxSize = 100, MaxFiles = 3 }, _time, NullLogger.Instance);

    private void Container(string id, bool running, int size)
    {
        var path = Path.Combine(_dir, id, "0.log");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, new string('a', size));
        _runtime.LogPaths[id] = path;
        if (running)
        {
            _runtime.Running.Add(id);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(10, ct);
        }
    }
}
