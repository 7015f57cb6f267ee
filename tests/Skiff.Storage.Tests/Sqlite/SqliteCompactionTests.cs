using Microsoft.Data.Sqlite;
using Skiff.Storage.Sqlite;

namespace Skiff.Storage.Tests.Sqlite;

public sealed class SqliteCompactionTests : IDisposable
{
    private static readonly StoreOptions Options = new() { CompactionInterval = TimeSpan.Zero };

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-compact-");

    private string DbPath => Path.Combine(_dir.FullName, "state.db");

    [Fact]
    public async Task Compact_ToTheCurrentRevision_LeavesOneRowPerLiveKeyAndNoDeletes()
    {
        await using (var store = await SqliteStore.OpenAsync(DbPath, Options))
        {
            await Task.WhenAll(Enumerable.Range(0, 10).Select(k => Task.Run(async () =>
            {
                var key = $"/c/key{k}";
                var revision = await store.CreateAsync(key, [0]);
                for (var i = 1; i < 6; i++)
                {
                    revision = await store.UpdateAsync(key, [(byte)i], revision);
                }

                if (k % 2 == 0)
                {
                    await store.DeleteAsync(key);
                }
            })));
            await store.CreateAsync("/c/key0", [42]);

            await store.CompactAsync(await store.CurrentRevisionAsync());

            var live = await store.ListAsync("/c/", ListOptions.All);
            Assert.Equal(6, live.Items.Count);
        }

        Assert.Equal(6L, Count("SELECT COUNT(*) FROM log"));
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM log WHERE deleted = 1"));
        Assert.Equal(6L, Count("SELECT COUNT(*) FROM kv JOIN log ON log.revision = kv.revision"));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Watch_FromFarBack_ReplaysHistoryOfManyPagesInOrder()
    {
        await using var store = await SqliteStore.OpenAsync(DbPath, Options);
        var start = await store.CreateAsync("/seed", []);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await store.CreateAsync($"/w/{w}/{i}", [1]);
            }
        })));
        var end = await store.CurrentRevisionAsync();

        var seen = new List<long>();
        await foreach (var e in store.WatchAsync("/w/", start))
        {
            seen.Add(e.Revision);
            if (e.Revision == end)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range((int)start + 1, 2500).Select(r => (long)r), seen);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
