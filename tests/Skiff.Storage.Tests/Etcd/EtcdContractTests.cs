using Skiff.Storage.Etcd;

namespace Skiff.Storage.Tests.Etcd;

/// <summary>Contract details the shared suite leaves to each backend, checked against etcd's own errors.</summary>
[Trait("Category", "Slow")]
[Collection(EtcdCollection.Name)]
public sealed class EtcdContractTests(EtcdFixture fixture) : IAsyncLifetime
{
    private readonly string _prefix = $"/contract/{Guid.NewGuid():N}/";
    private EtcdStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new EtcdStore(new EtcdStoreOptions([fixture.Etcd.ClientUrl]));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Delete_WithExpectedRevisionZero_DeletesWhateverIsThere()
    {
        var created = await _store.CreateAsync(_prefix + "a", [1]);
        await _store.UpdateAsync(_prefix + "a", [2], created);

        var result = await _store.DeleteAsync(_prefix + "a", 0);

        Assert.Equal(new byte[] { 2 }, result.Deleted.Value);
        Assert.Null(await _store.GetAsync(_prefix + "a"));
    }

    [Fact]
    public async Task List_AtAFutureRevision_FailsWithArgumentOutOfRange()
    {
        var current = await _store.CurrentRevisionAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ListAsync(_prefix, new ListOptions(Revision: current + 1000)));
    }

    [Fact]
    public async Task Compact_ToAFutureRevision_FailsWithArgumentOutOfRange()
    {
        var current = await _store.CurrentRevisionAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.CompactAsync(current + 1000));
    }

    [Fact]
    public async Task Watch_WhenTheStoreIsClosed_EndsWithUnavailable()
    {
        var from = await _store.CreateAsync(_prefix + "a", [1]);
        await using var watch = _store.WatchAsync(_prefix, from, new WatchOptions(ProgressInterval: null)).GetAsyncEnumerator();
        var next = watch.MoveNextAsync().AsTask();

        await _store.DisposeAsync();

        var e = await Assert.ThrowsAsync<StoreException>(() => next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StoreErrorKind.Unavailable, e.Kind);
    }
}
