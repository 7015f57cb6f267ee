using Skiff.Storage.Etcd;

namespace Skiff.Storage.Tests.Etcd;

[Trait("Category", "Slow")]
[Collection(EtcdCollection.Name)]
public sealed class EtcdStoreFactoryTests(EtcdFixture fixture)
{
    private static readonly StoreOptions NoCompaction = new() { CompactionInterval = TimeSpan.Zero };

    [Fact]
    public async Task DatastoreEndpoint_WithEtcdUrls_OpensTheEtcdStore()
    {
        var dead = $"127.0.0.1:{EtcdProcess.FreePorts(1)[0]}";
        await using var store = await StoreFactory.OpenAsync($"{fixture.Etcd.ClientUrl},{dead}", "/nonexistent-data-dir", NoCompaction);

        var key = $"/factory/{Guid.NewGuid():N}";
        var revision = await store.CreateAsync(key, [1, 2, 3]);

        Assert.IsType<EtcdStore>(store);
        Assert.Equal(revision, (await store.GetAsync(key))!.ModRevision);
    }

    [Fact]
    public async Task DatastoreEndpoint_WithNoLiveMember_FailsToOpenAsUnavailable()
    {
        var dead = $"http://127.0.0.1:{EtcdProcess.FreePorts(1)[0]}";

        var e = await Assert.ThrowsAsync<StoreException>(() => StoreFactory.OpenAsync(dead, "/nonexistent-data-dir", NoCompaction)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StoreErrorKind.Unavailable, e.Kind);
    }

    [Fact]
    public async Task OpenedThroughTheFactory_CompactsInTheBackground()
    {
        var options = new StoreOptions { CompactionInterval = TimeSpan.FromMilliseconds(100), HistoryRetention = TimeSpan.FromMilliseconds(200) };
        await using var store = await StoreFactory.OpenAsync(fixture.Etcd.ClientUrl, "/nonexistent-data-dir", options);
        var key = $"/factory/{Guid.NewGuid():N}";
        var old = await store.CreateAsync(key, [1]);
        await store.UpdateAsync(key, [2], old);

        await WaitUntilAsync(async () => (await store.StatusAsync()).CompactRevision > old);

        var e = await Assert.ThrowsAsync<StoreException>(() => store.ListAsync(key, new ListOptions(Revision: old)));
        Assert.Equal(StoreErrorKind.Compacted, e.Kind);
        Assert.Equal(new byte[] { 2 }, (await store.GetAsync(key))!.Value);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition(), "condition not met within 10 s");
    }
}
