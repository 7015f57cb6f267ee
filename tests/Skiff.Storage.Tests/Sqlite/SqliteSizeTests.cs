using System.Diagnostics;
using Skiff.Storage.Sqlite;
using Xunit.Abstractions;

namespace Skiff.Storage.Tests.Sqlite;

[Trait("Category", "Slow")]
public sealed class SqliteSizeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-size-");
    private readonly ITestOutputHelper _output;

    public SqliteSizeTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task ConstantChurn_WithBackgroundCompaction_KeepsTheFilesBounded()
    {
        const int Keys = 100;
        const int Updates = 100_000;
        const int Writers = 20;
        var options = new StoreOptions { HistoryRetention = TimeSpan.FromMilliseconds(300), CompactionInterval = TimeSpan.FromMilliseconds(100) };
        var path = Path.Combine(_dir.FullName, "state.db");
        await using var store = await SqliteStore.OpenAsync(path, options);
        var revisions = new long[Keys];
        for (var k = 0; k < Keys; k++)
        {
            revisions[k] = await store.CreateAsync(Key(k), Value(0));
        }

        long Size() => new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        var sizes = new List<long>();
        var done = 0;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            // Each writer owns every Writers-th key, so the updates never conflict.
            for (var i = 0; i < Updates / Writers; i++)
            {
                var k = w + (Writers * (i % (Keys / Writers)));
                revisions[k] = await store.UpdateAsync(Key(k), Value(i), revisions[k]);
                if (Interlocked.Increment(ref done) % 10_000 == 0)
                {
                    lock (sizes)
                    {
                        sizes.Add(Size());
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        _output.WriteLine($"{Updates} updates by {Writers} writers in {clock.Elapsed.TotalSeconds:F1} s; bytes on disk every 10,000: {string.Join(", ", sizes)}");

        // Let compaction catch up with the last of the history, then check the live data is intact.
        await Task.Delay(options.HistoryRetention + (3 * options.CompactionInterval));
        var list = await store.ListAsync("/churn/", ListOptions.All);
        Assert.Equal(Keys, list.Items.Count);
        var status = await store.StatusAsync();
        Assert.True(status.CompactRevision > status.CurrentRevision - Updates / 2, $"compaction lags: {status.CompactRevision} of {status.CurrentRevision}");

        // 100 live values of 1 KiB are 100 KiB; unbounded history would be 100 MiB. Allow the WAL limit and slack.
        var max = sizes.Max();
        Assert.True(max < 80L * 1024 * 1024, $"files grew to {max} bytes; sizes: {string.Join(", ", sizes)}");
        // Unbounded history would end near 100 MiB; a busy machine can delay a WAL checkpoint past a sample or two
        // (17 MiB seen at load 10), which is why the bound is not the warm size alone.
        var warm = sizes[1];
        Assert.True(sizes[^1] <= Math.Max(2 * warm, 32L * 1024 * 1024), $"files keep growing: {string.Join(", ", sizes)}");
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static string Key(int k) => $"/churn/key{k:D3}";

    private static byte[] Value(int i)
    {
        var value = new byte[1024];
        BitConverter.TryWriteBytes(value, i);
        return value;
    }
}
