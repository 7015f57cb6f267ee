using System.IO.Compression;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Skiff.Kubelet.Logs;
using Xunit;

namespace Skiff.Kubelet.Tests.Logs;

public sealed class ContainerLogRotatorTests : IDisposable
{
    private const string Id = "c1";
    private readonly string _dir = Directory.CreateTempSubdirectory("skiff-logrotate-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 3, 4, 5, TimeSpan.Zero));
    private readonly FakeLogRuntime _runtime = new();

    public ContainerLogRotatorTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "app"));
        _runtime.LogPaths[Id] = LogPath;
    }

    private string LogPath => Path.Combine(_dir, "app", "0.log");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RotateIfFull_BelowMaxSize_LeavesTheLogAlone()
    {
        File.WriteAllText(LogPath, new string('a', 99));

        var rotated = await Rotator(maxSize: 100).RotateIfFullAsync(Id, LogPath, CancellationToken.None);

        Assert.False(rotated);
        Assert.Empty(_runtime.Reopened);
        Assert.Equal(["0.log"], Files());
    }

    [Fact]
    public async Task RotateIfFull_AtMaxSize_RenamesWithUtcTimestampAndReopens()
    {
        File.WriteAllText(LogPath, new string('a', 100));

        var rotated = await Rotator(maxSize: 100).RotateIfFullAsync(Id, LogPath, CancellationToken.None);

        Assert.True(rotated);
        Assert.Equal([Id], _runtime.Reopened);
        Assert.Equal(["0.log", "0.log.20261124-030405"], Files());
        Assert.Equal(new string('a', 100), File.ReadAllText(LogPath + ".20261124-030405"));
        Assert.Equal(0, new FileInfo(LogPath).Length);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task RotateIfFull_Repeatedly_KeepsMaxFilesWithOnlyTheNewestRotatedUncompressed(int maxFiles)
    {
        var rotator = Rotator(maxSize: 10, maxFiles);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var round = 0; round < 8; round++)
        {
            var content = $"round {round} output\n";
            File.AppendAllText(LogPath, content);
            written[$"0.log.{_time.GetUtcNow():yyyyMMdd-HHmmss}"] = content;
            Assert.True(await rotator.RotateIfFullAsync(Id, LogPath, CancellationToken.None));
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var files = Files();
        Assert.Equal(maxFiles, files.Count);
        Assert.Equal("0.log", files[0]);
        var rotated = files.Skip(1).ToList();
        var newest = written.Keys.Max(StringComparer.Ordinal)!;
        Assert.Equal(newest, rotated[^1]);
        Assert.Equal(written[newest], File.ReadAllText(Path.Combine(_dir, "app", newest)));
        foreach (var compressed in rotated.SkipLast(1))
        {
            Assert.EndsWith(".gz", compressed, StringComparison.Ordinal);
            Assert.Equal(written[compressed[..^3]], Gunzip(Path.Combine(_dir, "app", compressed)));
        }

        // The files kept are the newest ones: every older rotation is gone.
        var keptNames = rotated.Select(f => f.Replace(".gz", string.Empty, StringComparison.Ordinal)).ToList();
        Assert.Equal(written.Keys.Order(StringComparer.Ordinal).TakeLast(maxFiles - 1), keptNames);
    }

    [Fact]
    public async Task RotateIfFull_WhenReopenFails_PutsTheLogBackAndFails()
    {
        File.WriteAllText(LogPath, new string('a', 100));
        _runtime.FailingReopen.Add(Id);

        await Assert.ThrowsAsync<RpcException>(() => Rotator(maxSize: 100).RotateIfFullAsync(Id, LogPath, CancellationToken.None));

        Assert.Equal(["0.log"], Files());
        Assert.Equal(new string('a', 100), File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task RotateIfFull_RemovesWhatAnInterruptedCompressionLeft()
    {
        File.WriteAllText(LogPath, new string('a', 100));
        File.WriteAllText(LogPath + ".20261124-010000", "plain copy of a finished archive");
        WriteGzip(LogPath + ".20261124-010000.gz", "archive");
        File.WriteAllText(LogPath + ".20261124-020000.gz.tmp", "half an archive");

        await Rotator(maxSize: 100).RotateIfFullAsync(Id, LogPath, CancellationToken.None);

        Assert.Equal(["0.log", "0.log.20261124-010000.gz", "0.log.20261124-030405"], Files());
        Assert.Equal("archive", Gunzip(LogPath + ".20261124-010000.gz"));
    }

    [Fact]
    public async Task RotateIfFull_WhenTheLiveFileIsMissing_AsksTheRuntimeToReopen()
    {
        var rotated = await Rotator(maxSize: 100).RotateIfFullAsync(Id, LogPath, CancellationToken.None);

        Assert.False(rotated);
        Assert.Equal([Id], _runtime.Reopened);
        Assert.True(File.Exists(LogPath));
    }

    [Fact]
    public void Validate_RefusesFewerThanTwoFilesAndNonPositiveSizes()
    {
        Assert.Null(new ContainerLogPolicy().Validate());
        Assert.Contains("must be greater than 1", new ContainerLogPolicy { MaxFiles = 1 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("must be positive", new ContainerLogPolicy { MaxSize = 0 }.Validate(), StringComparison.Ordinal);
        Assert.Equal(10 * 1024 * 1024, new ContainerLogPolicy().MaxSize);
        Assert.Equal(5, new ContainerLogPolicy().MaxFiles);
    }

    private ContainerLogRotator Rotator(long maxSize, int maxFiles = 5) =>
        new(new ContainerLogPolicy { MaxSize = maxSize, MaxFiles = maxFiles }, _runtime, _time);

    private List<string> Files() =>
        Directory.EnumerateFiles(Path.Combine(_dir, "app")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

    private static string Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    private static void WriteGzip(string path, string content)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip);
        writer.Write(content);
    }
}
