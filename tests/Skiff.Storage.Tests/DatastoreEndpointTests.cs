namespace Skiff.Storage.Tests;

public sealed class DatastoreEndpointTests
{
    private const string DataDir = "/var/lib/skiff";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("sqlite://")]
    public void Parse_EmptyOrBareSqlite_IsTheDefaultFileUnderTheDataDir(string? endpoint)
    {
        var parsed = DatastoreEndpoint.Parse(endpoint, DataDir);
        Assert.Equal(DatastoreKind.Sqlite, parsed.Kind);
        Assert.Equal("/var/lib/skiff/server/db/state.db", parsed.SqlitePath);
    }

    [Theory]
    [InlineData("sqlite:///srv/state.db", "/srv/state.db")]
    [InlineData("sqlite:///srv/state.db?_journal=WAL&cache=shared", "/srv/state.db")]
    [InlineData("sqlite://db/other.db", "/var/lib/skiff/db/other.db")]
    public void Parse_SqliteWithPath_UsesThatPath(string endpoint, string expected)
    {
        var parsed = DatastoreEndpoint.Parse(endpoint, DataDir);
        Assert.Equal(DatastoreKind.Sqlite, parsed.Kind);
        Assert.Equal(expected, parsed.SqlitePath);
    }

    [Fact]
    public void Parse_HttpEndpoints_AreEtcdInOrder()
    {
        var parsed = DatastoreEndpoint.Parse("http://10.0.0.1:2379,http://10.0.0.2:2379", DataDir);
        Assert.Equal(DatastoreKind.Etcd, parsed.Kind);
        Assert.Equal(new[] { "http://10.0.0.1:2379/", "http://10.0.0.2:2379/" }, parsed.EtcdEndpoints.Select(u => u.ToString()));
        Assert.Null(parsed.SqlitePath);
    }

    [Fact]
    public void Parse_HttpsEndpoints_LaterHostsMayOmitTheScheme()
    {
        var parsed = DatastoreEndpoint.Parse("https://a.example:2379, b.example:2379", DataDir);
        Assert.Equal(new[] { "https://a.example:2379/", "https://b.example:2379/" }, parsed.EtcdEndpoints.Select(u => u.ToString()));
    }

    [Theory]
    [InlineData("mysql://user:pass@tcp(db:3306)/k3s")]
    [InlineData("postgres://db:5432/k3s")]
    [InlineData("etcd://10.0.0.1:2379")]
    [InlineData("/var/lib/state.db")]
    [InlineData("http://")]
    [InlineData("http://10.0.0.1:2379/some/path")]
    public void Parse_AnythingElse_FailsNamingTheAcceptedForms(string endpoint)
    {
        var e = Assert.Throws<ArgumentException>(() => DatastoreEndpoint.Parse(endpoint, DataDir));
        Assert.Contains("sqlite://", e.Message, StringComparison.Ordinal);
        Assert.Contains("http://host:2379", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreFactory_WithAnUnknownScheme_FailsBeforeTouchingTheDisk()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"skiff-never-{Guid.NewGuid():N}");
        await Assert.ThrowsAsync<ArgumentException>(() => StoreFactory.OpenAsync("mysql://db/k3s", dir));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task StoreFactory_WithNoEndpoint_OpensSqliteUnderTheDataDir()
    {
        var dir = Directory.CreateTempSubdirectory("skiff-factory-");
        try
        {
            await using (var store = await StoreFactory.OpenAsync(null, dir.FullName, new StoreOptions { CompactionInterval = TimeSpan.Zero }))
            {
                await store.CreateAsync("/a", [1]);
                Assert.Equal("sqlite", (await store.StatusAsync()).Backend);
            }

            Assert.True(File.Exists(Path.Combine(dir.FullName, "server", "db", "state.db")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
