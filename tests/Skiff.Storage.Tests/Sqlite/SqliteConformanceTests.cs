using Skiff.Storage.Sqlite;
using Skiff.Storage.Tests.Conformance;

namespace Skiff.Storage.Tests.Sqlite;

public sealed class SqliteConformanceTests : StoreConformanceTests
{
    private static readonly StoreOptions Options = new() { CompactionInterval = TimeSpan.Zero };

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-sqlite-");

    private string DbPath => Path.Combine(_dir.FullName, "state.db");

    protected override async Task<IStore> OpenStoreAsync() => await SqliteStore.OpenAsync(DbPath, Options);

    protected override async Task<IStore> OpenRestoredAsync(string snapshotPath)
    {
        var restored = Path.Combine(_dir.FullName, "restored", "state.db");
        SqliteStore.Restore(snapshotPath, restored);
        return await SqliteStore.OpenAsync(restored, Options);
    }

    protected override Task CleanupAsync()
    {
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
