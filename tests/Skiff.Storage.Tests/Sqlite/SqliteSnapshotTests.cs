using Microsoft.Data.Sqlite;
using Skiff.Storage.Sqlite;

namespace Skiff.Storage.Tests.Sqlite;

public sealed class SqliteSnapshotTests : IDisposable
{
    private static readonly StoreOptions Options = new() { CompactionInterval = TimeSpan.Zero };

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-snap-");

    private string DbPath => Path.Combine(_dir.FullName, "state.db");

    private string SnapshotPath => Path.Combine(_dir.FullName, "backup", "snap.db");

    [Fact]
    public async Task Restore_OverAnExistingStore_ReplacesItAndKeepsIncrementalVacuum()
    {
        await using (var store = await SqliteStore.OpenAsync(DbPath, Options))
        {
            await store.CreateAsync("/kept", [1]);
            await store.SnapshotAsync(SnapshotPath);
            await store.CreateAsync("/after-snapshot", [2]);
        }

        SqliteStore.Restore(SnapshotPath, DbPath);

        await using (var restored = await SqliteStore.OpenAsync(DbPath, Options))
        {
            Assert.NotNull(await restored.GetAsync("/kept"));
            Assert.Null(await restored.GetAsync("/after-snapshot"));
        }

        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA auto_vacuum";
        Assert.Equal(2L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Restore_OfAFileThatIsNotASnapshot_LeavesTheStoreAlone()
    {
        await using (var store = await SqliteStore.OpenAsync(DbPath, Options))
        {
            await store.CreateAsync("/kept", [1]);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(SnapshotPath)!);
        await File.WriteAllTextAsync(SnapshotPath, "not a snapshot");

        var e = Assert.Throws<StoreException>(() => SqliteStore.Restore(SnapshotPath, DbPath));

        Assert.Equal(StoreErrorKind.Unavailable, e.Kind);
        Assert.Contains("nothing was restored", e.Message, StringComparison.Ordinal);
        await using var reopened = await SqliteStore.OpenAsync(DbPath, Options);
        Assert.NotNull(await reopened.GetAsync("/kept"));
    }

    [Fact]
    public async Task Restore_IntoAStoreThatIsOpen_FailsSayingItIsInUse()
    {
        await using var store = await SqliteStore.OpenAsync(DbPath, Options);
        await store.CreateAsync("/kept", [1]);
        await store.SnapshotAsync(SnapshotPath);

        var e = Assert.Throws<StoreException>(() => SqliteStore.Restore(SnapshotPath, DbPath));

        Assert.Contains("in use", e.Message, StringComparison.Ordinal);
        Assert.NotNull(await store.GetAsync("/kept"));
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
