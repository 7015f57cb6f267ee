namespace Skiff.Storage.Tests;

public sealed class BackgroundCompactorTests
{
    [Fact]
    public async Task Tick_CompactsToTheRevisionSeenARetentionAgo()
    {
        var store = new RevisionStub();
        var time = new ManualTime();
        var compactor = new BackgroundCompactor(store, TimeSpan.FromMinutes(5), time);

        store.Revision = 100;
        await compactor.TickAsync();
        Assert.Empty(store.Compactions);

        time.Advance(TimeSpan.FromMinutes(2));
        store.Revision = 250;
        await compactor.TickAsync();
        Assert.Empty(store.Compactions);

        time.Advance(TimeSpan.FromMinutes(3));
        store.Revision = 400;
        await compactor.TickAsync();
        Assert.Equal(new long[] { 100 }, store.Compactions);

        time.Advance(TimeSpan.FromMinutes(2));
        store.Revision = 500;
        await compactor.TickAsync();
        Assert.Equal(new long[] { 100, 250 }, store.Compactions);
    }

    [Fact]
    public async Task Tick_WithoutNewWrites_DoesNotCompactTheSameRevisionAgain()
    {
        var store = new RevisionStub { Revision = 7 };
        var time = new ManualTime();
        var compactor = new BackgroundCompactor(store, TimeSpan.FromMinutes(1), time);
        for (var i = 0; i < 5; i++)
        {
            await compactor.TickAsync();
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(new long[] { 7 }, store.Compactions);
    }

    [Fact]
    public async Task Tick_WhenSomeoneCompactedFurther_CarriesOn()
    {
        var store = new RevisionStub { Revision = 10, CompactedError = true };
        var time = new ManualTime();
        var compactor = new BackgroundCompactor(store, TimeSpan.FromMinutes(1), time);
        await compactor.TickAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await compactor.TickAsync();
        Assert.Equal(10, compactor.CompactedRevision);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class RevisionStub : IStore
    {
        public long Revision { get; set; }

        public bool CompactedError { get; init; }

        public List<long> Compactions { get; } = [];

        public Task<long> CurrentRevisionAsync(CancellationToken ct = default) => Task.FromResult(Revision);

        public Task CompactAsync(long revision, CancellationToken ct = default)
        {
            Compactions.Add(revision);
            return CompactedError ? Task.FromException(new StoreException(StoreErrorKind.Compacted, "gone", compactRevision: revision + 5)) : Task.CompletedTask;
        }

        public Task<KeyValue?> GetAsync(string key, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<long> CreateAsync(string key, byte[] value, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<long> UpdateAsync(string key, byte[] value, long expectedModRevision, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<DeleteResult> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken ct = default) => throw new NotSupportedException();

        public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<StoreStatus> StatusAsync(CancellationToken ct = default) => throw new NotSupportedException();

        public Task SnapshotAsync(string path, CancellationToken ct = default) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
