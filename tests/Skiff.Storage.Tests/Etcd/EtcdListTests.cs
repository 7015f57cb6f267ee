using Skiff.Storage.Etcd;

namespace Skiff.Storage.Tests.Etcd;

[Trait("Category", "Slow")]
[Collection(EtcdCollection.Name)]
public sealed class EtcdListTests(EtcdFixture fixture)
{
    [Fact]
    public async Task ContinueToken_FromAListOfAnotherPrefix_FailsWithInvalidContinue()
    {
        await using var store = new EtcdStore(new EtcdStoreOptions([fixture.Etcd.ClientUrl]));
        var root = $"/list/{Guid.NewGuid():N}/";
        foreach (var name in new[] { "pods/a", "pods/b", "secrets/a" })
        {
            await store.CreateAsync(root + name, [1]);
        }

        var page = await store.ListAsync(root + "pods/", new ListOptions(Limit: 1));

        var e = await Assert.ThrowsAsync<StoreException>(() => store.ListAsync(root + "secrets/", new ListOptions(Limit: 1, Continue: page.Continue)));
        Assert.Equal(StoreErrorKind.InvalidContinue, e.Kind);
    }

    [Fact]
    public async Task List_OfTheEmptyPrefix_CoversEveryKey()
    {
        await using var store = new EtcdStore(new EtcdStoreOptions([fixture.Etcd.ClientUrl]));
        var key = $"/list/{Guid.NewGuid():N}";
        await store.CreateAsync(key, [1]);

        var all = await store.ListAsync(string.Empty, ListOptions.All);

        Assert.Contains(all.Items, i => i.Key == key);
    }

    [Fact]
    public async Task Watch_OfTheEmptyPrefix_SeesEveryKey()
    {
        await using var store = new EtcdStore(new EtcdStoreOptions([fixture.Etcd.ClientUrl]));
        var from = await store.CurrentRevisionAsync();
        var key = $"/list/{Guid.NewGuid():N}";
        var written = await store.CreateAsync(key, [1]);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in store.WatchAsync(string.Empty, from, ct: timeout.Token))
        {
            if (e.Key == key)
            {
                Assert.Equal(written, e.Revision);
                return;
            }
        }

        Assert.Fail("the watch ended without the write");
    }
}
