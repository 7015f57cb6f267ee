using System.Diagnostics;
using Skiff.Storage.Sqlite;
using Xunit.Abstractions;

namespace Skiff.Storage.Tests.Sqlite;

public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-group-");
    private readonly ITestOutputHelper _output;

    public SqliteGroupCommitTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task ConcurrentWriters_ShareCommits_AndEachGetsItsOwnRevision()
    {
        const int Writers = 64;
        const int PerWriter = 8;
        await using var store = await SqliteStore.OpenAsync(Path.Combine(_dir.FullName, "state.db"), new StoreOptions { CompactionInterval = TimeSpan.Zero });
        var before = store.Commits;
        var clock = Stopwatch.StartNew();

        var revisions = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < PerWriter; i++)
            {
                mine.Add(await store.CreateAsync($"/group/w{w}/k{i}", new byte[256]));
            }

            return mine;
        })));

        var commits = store.Commits - before;
        _output.WriteLine($"{Writers * PerWriter} writes in {commits} commits, {clock.Elapsed.TotalMilliseconds:F0} ms");
        var all = revisions.SelectMany(r => r).ToList();
        Assert.Equal(Writers * PerWriter, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, Writers * PerWriter).Select(r => (long)r), all.Order());
        Assert.True(commits * 4 <= all.Count, $"{all.Count} writes took {commits} commits: concurrent writes are not batched");
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
