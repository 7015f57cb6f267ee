using System.Text;
using Skiff.Kubelet.Logs;
using Xunit;

namespace Skiff.Kubelet.Tests.Logs;

public sealed class CriLogReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skiff-logs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Copy_WritesContentWithoutCriPrefixes()
    {
        var path = Write(
            "2026-01-01T00:00:01.000000001Z stdout F one",
            "2026-01-01T00:00:02Z stderr F two");

        Assert.Equal("one\ntwo\n", await ReadAsync(path, new LogOptions()));
    }

    [Fact]
    public async Task Copy_WithTimestamps_PrefixesTheOriginalTimestamp()
    {
        var path = Write("2026-01-01T00:00:01.000000001Z stdout F one");

        Assert.Equal("2026-01-01T00:00:01.000000001Z one\n", await ReadAsync(path, new LogOptions { Timestamps = true }));
    }

    [Fact]
    public async Task Copy_JoinsPartialRecordsWithoutNewline()
    {
        var path = Write(
            "2026-01-01T00:00:01Z stdout P hel",
            "2026-01-01T00:00:01Z stdout F lo");

        Assert.Equal("hello\n", await ReadAsync(path, new LogOptions()));
    }

    [Fact]
    public async Task Copy_WithTailLines_KeepsLastLinesCountingPartialsAsOne()
    {
        var path = Write(
            "2026-01-01T00:00:01Z stdout F a",
            "2026-01-01T00:00:02Z stdout P b",
            "2026-01-01T00:00:02Z stdout F c",
            "2026-01-01T00:00:03Z stdout F d");

        Assert.Equal("bc\nd\n", await ReadAsync(path, new LogOptions { TailLines = 2 }));
        Assert.Equal(string.Empty, await ReadAsync(path, new LogOptions { TailLines = 0 }));
    }

    [Fact]
    public async Task Copy_WithSinceTime_SkipsOlderLines()
    {
        var path = Write(
            "2026-01-01T00:00:01Z stdout F old",
            "2026-01-01T00:00:05Z stdout F new");

        var since = DateTimeOffset.Parse("2026-01-01T00:00:03Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("new\n", await ReadAsync(path, new LogOptions { SinceTime = since }));
    }

    [Fact]
    public async Task Copy_WithLimitBytes_TruncatesMidLine()
    {
        var path = Write(
            "2026-01-01T00:00:01Z stdout F abcdef",
            "2026-01-01T00:00:02Z stdout F ghi");

        Assert.Equal("abcd", await ReadAsync(path, new LogOptions { LimitBytes = 4 }));
    }

    [Fact]
    public async Task Copy_SkipsUnparseableLines()
    {
        var path = Write("garbage", "2026-01-01T00:00:01Z stdout F ok");

        Assert.Equal("ok\n", await ReadAsync(path, new LogOptions()));
    }

    [Fact]
    public async Task Copy_WithFollow_StreamsLinesAppendedLater()
    {
        var path = Write("2026-01-01T00:00:01Z stdout F first");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var output = new SignallingStream();
        var copy = new CriLogReader(TimeProvider.System).CopyAsync(path, new LogOptions { Follow = true }, output, cts.Token);

        await output.WaitForAsync("first\n", cts.Token);
        await File.AppendAllTextAsync(path, "2026-01-01T00:00:02Z stdout F sec");
        await File.AppendAllTextAsync(path, "ond\n");
        await output.WaitForAsync("first\nsecond\n", cts.Token);

        await cts.CancelAsync();
        await copy;
    }

    [Fact]
    public async Task Copy_WithFollow_GoesOnInTheNewFileAfterRotation()
    {
        var path = Write("2026-01-01T00:00:01Z stdout F before");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var output = new SignallingStream();
        var copy = new CriLogReader(TimeProvider.System).CopyAsync(path, new LogOptions { Follow = true }, output, cts.Token);
        await output.WaitForAsync("before\n", cts.Token);

        // What a rotation does: rename, the runtime writes its last line to the old file, then reopens at the path.
        File.Move(path, path + ".20260101-000002");
        await File.AppendAllTextAsync(path + ".20260101-000002", "2026-01-01T00:00:02Z stdout F last-in-old\n");
        await File.WriteAllTextAsync(path, "2026-01-01T00:00:03Z stdout F after\n");

        await output.WaitForAsync("before\nlast-in-old\nafter\n", cts.Token);
        await cts.CancelAsync();
        await copy;
    }

    [Fact]
    public void RemoveAll_RemovesTheLogAndItsRotatedFilesOnly()
    {
        var container = Path.Combine(_dir, "default_web_uid1", "app");
        Directory.CreateDirectory(container);
        string[] ours = ["1.log", "1.log.20260101-000001.gz", "1.log.20260101-000002"];
        string[] others = ["0.log", "10.log", "10.log.20260101-000001"];
        foreach (var name in ours.Concat(others))
        {
            File.WriteAllText(Path.Combine(container, name), "x");
        }

        ContainerLogFiles.RemoveAll(Path.Combine(container, "1.log"));

        Assert.Equal(others.Order(StringComparer.Ordinal), Directory.EnumerateFiles(container).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Find_PicksNewestRestartOrThePreviousOne()
    {
        var container = Path.Combine(_dir, "default_web_uid1", "app");
        Directory.CreateDirectory(container);
        File.WriteAllText(Path.Combine(container, "0.log"), string.Empty);
        File.WriteAllText(Path.Combine(container, "2.log"), string.Empty);
        File.WriteAllText(Path.Combine(container, "10.log"), string.Empty);

        Assert.Equal(Path.Combine(container, "10.log"), ContainerLogFiles.Find(_dir, "default", "web", "uid1", "app", previous: false));
        Assert.Equal(Path.Combine(container, "2.log"), ContainerLogFiles.Find(_dir, "default", "web", null, "app", previous: true));
        Assert.Null(ContainerLogFiles.Find(_dir, "default", "web", "uid1", "other", previous: false));
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".log");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static async Task<string> ReadAsync(string path, LogOptions options)
    {
        using var output = new MemoryStream();
        await new CriLogReader(TimeProvider.System).CopyAsync(path, options, output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private sealed class SignallingStream : MemoryStream
    {
        private readonly SemaphoreSlim _written = new(0);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await base.WriteAsync(buffer, cancellationToken);
            _written.Release();
        }

        public async Task WaitForAsync(string expected, CancellationToken ct)
        {
            while (Encoding.UTF8.GetString(ToArray()) != expected)
            {
                await _written.WaitAsync(ct);
            }
        }
    }
}
