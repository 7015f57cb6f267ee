using System.Globalization;
using Skiff.Storage.Sqlite;

namespace Skiff.Storage.Tests.Sqlite;

[Trait("Category", "Slow")]
public sealed class SqliteCrashTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-crash-");

    private string DbPath => Path.Combine(_dir.FullName, "state.db");

    [Fact]
    public async Task KillMinus9_MidBurst_EveryAcknowledgedWriteSurvivesReopen()
    {
        var acks = new List<(string Key, long Revision)>();
        using (var writer = CrashWriterProcess.Start(DbPath))
        {
            await writer.WaitForLinesAsync(2000, TimeSpan.FromSeconds(60));
            writer.Kill();
            foreach (var line in writer.Lines.Where(l => l.StartsWith("ack ", StringComparison.Ordinal)))
            {
                var parts = line.Split(' ');
                acks.Add((parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture)));
            }
        }

        Assert.True(acks.Count >= 1999);
        await using var store = await SqliteStore.OpenAsync(DbPath, new StoreOptions { CompactionInterval = TimeSpan.Zero });
        Assert.True(await store.CurrentRevisionAsync() >= acks.Max(a => a.Revision));
        foreach (var (key, revision) in acks)
        {
            var kv = await store.GetAsync(key);
            Assert.True(kv is not null, $"acknowledged write {key}@{revision} is missing after kill -9");
            Assert.Equal(revision, kv.ModRevision);
        }

        // Revisions handed out before the crash are never handed out again.
        var next = await store.CreateAsync("/crash/after", [1]);
        Assert.True(next > acks.Max(a => a.Revision));
    }

    [Fact]
    public async Task Open_WhileAnotherProcessHasTheStoreOpen_FailsUnavailableSayingItIsInUse()
    {
        using var writer = CrashWriterProcess.Start(DbPath);
        await writer.WaitForLinesAsync(1, TimeSpan.FromSeconds(60));

        var e = await Assert.ThrowsAsync<StoreException>(() => SqliteStore.OpenAsync(DbPath));

        Assert.Equal(StoreErrorKind.Unavailable, e.Kind);
        Assert.Contains("in use by another process", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
