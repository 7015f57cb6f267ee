using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Skiff.Storage.Sqlite;

namespace Skiff.Storage.Tests.Sqlite;

/// <summary>Bad starts end in Unavailable with a message naming the problem, and never touch the file.</summary>
public sealed class SqliteOpenFailureTests : IDisposable
{
    private static readonly StoreOptions Options = new() { CompactionInterval = TimeSpan.Zero };

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-open-");
    private readonly List<string> _immutable = [];

    private string DbPath => Path.Combine(_dir.FullName, "state.db");

    [Fact]
    public async Task Open_OfAFileThatIsNotSqlite_FailsAndLeavesItUntouched()
    {
        var content = "this is somebody's notes, not a database\n" + new string('x', 8192);
        await File.WriteAllTextAsync(DbPath, content);

        var e = await OpenFailsAsync();

        Assert.Contains("not a SQLite database", e.Message, StringComparison.Ordinal);
        Assert.Contains(DbPath, e.Message, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllTextAsync(DbPath));
    }

    [Fact]
    public async Task Open_OfASqliteDatabaseWithoutOurSchema_FailsAndLeavesItUntouched()
    {
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')";
            command.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(DbPath);

        var e = await OpenFailsAsync();

        Assert.Contains("not a skiff store", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(DbPath));
    }

    [Fact]
    public async Task Open_OfACorruptStore_FailsSayingItIsCorrupt()
    {
        await using (var store = await SqliteStore.OpenAsync(DbPath, Options))
        {
            for (var i = 0; i < 200; i++)
            {
                await store.CreateAsync($"/registry/pods/default/p{i}", new byte[3000]);
            }
        }

        // Scribble over the middle of the file, past the header page, as a bad disk block would.
        await using (var file = new FileStream(DbPath, FileMode.Open, FileAccess.Write))
        {
            Assert.True(file.Length > 64 * 1024);
            file.Position = file.Length / 3;
            var garbage = new byte[32 * 1024];
            Array.Fill(garbage, (byte)0xA5);
            file.Write(garbage);
        }

        var e = await OpenFailsAsync();

        Assert.Contains("corrupt", e.Message, StringComparison.Ordinal);
        Assert.Contains("snapshot", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WhileThisStoreIsOpenElsewhere_FailsSayingItIsInUse()
    {
        await using var first = await SqliteStore.OpenAsync(DbPath, Options);
        await first.CreateAsync("/a", [1]);

        var e = await OpenFailsAsync();

        Assert.Contains("in use by another process", e.Message, StringComparison.Ordinal);
        Assert.NotNull(await first.GetAsync("/a"));
    }

    [Fact]
    public async Task Open_AfterTheOtherHolderClosed_Succeeds()
    {
        await using (var first = await SqliteStore.OpenAsync(DbPath, Options))
        {
            await first.CreateAsync("/a", [1]);
        }

        await using var second = await SqliteStore.OpenAsync(DbPath, Options);
        Assert.NotNull(await second.GetAsync("/a"));
    }

    [Fact]
    public async Task Open_WhereTheDirectoryCannotBeCreated_FailsNamingTheDirectory()
    {
        // Nothing can be created under /proc, even by root.
        var e = await Assert.ThrowsAsync<StoreException>(() => SqliteStore.OpenAsync("/proc/self/skiff-test/state.db", Options));
        Assert.Equal(StoreErrorKind.Unavailable, e.Kind);
        Assert.Contains("/proc/self/skiff-test", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_InAnImmutableDirectory_FailsSayingItMustBeWritable()
    {
        // Tests run as root, which ignores permission bits; the immutable attribute binds root too.
        var dir = Directory.CreateDirectory(Path.Combine(_dir.FullName, "frozen")).FullName;
        MakeImmutable(dir);

        var e = await Assert.ThrowsAsync<StoreException>(() => SqliteStore.OpenAsync(Path.Combine(dir, "state.db"), Options));

        Assert.Equal(StoreErrorKind.Unavailable, e.Kind);
        Assert.Contains("writable", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_OfAnImmutableDatabaseFile_FailsSayingItIsReadOnly()
    {
        await using (var store = await SqliteStore.OpenAsync(DbPath, Options))
        {
            await store.CreateAsync("/a", [1]);
        }

        MakeImmutable(DbPath);

        var e = await OpenFailsAsync();

        Assert.Contains("read-only", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var path in _immutable)
        {
            Chattr("-i", path);
        }

        _dir.Delete(recursive: true);
    }

    private async Task<StoreException> OpenFailsAsync()
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => SqliteStore.OpenAsync(DbPath, Options));
        Assert.Equal(StoreErrorKind.Unavailable, e.Kind);
        return e;
    }

    private void MakeImmutable(string path)
    {
        Assert.True(Chattr("+i", path), $"chattr +i {path} failed; these tests need root and a file system with attributes");
        _immutable.Add(path);
    }

    private static bool Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
