using System.Text;
using Skiff.Storage.Etcd;

namespace Skiff.Storage.Tests.Etcd;

[Trait("Category", "Slow")]
[Collection(EtcdCollection.Name)]
public sealed class EtcdEndpointsTests(EtcdFixture fixture)
{
    [Fact]
    public async Task SeveralEndpoints_WithOneDead_UseTheLiveOne()
    {
        var dead = $"http://127.0.0.1:{EtcdProcess.FreePorts(1)[0]}";
        await using var store = new EtcdStore(new EtcdStoreOptions([dead, fixture.Etcd.ClientUrl]));
        var key = $"/endpoints/{Guid.NewGuid():N}";

        for (var i = 0; i < 5; i++)
        {
            // Several calls, so round robin would have to pick the dead member at least once if it counted it.
            await store.GuaranteedUpdateAsync(key, _ => Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var read = await store.GetAsync(key);
        Assert.Equal("4", Encoding.UTF8.GetString(read!.Value));
    }

    [Fact]
    public async Task OnlyDeadEndpoints_FailAsUnavailable()
    {
        var dead = $"http://127.0.0.1:{EtcdProcess.FreePorts(1)[0]}";
        await using var store = new EtcdStore(new EtcdStoreOptions([dead]));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.GetAsync("/endpoints/x")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
    }

    [Fact]
    public async Task Status_ReportsHealthSizeAndRevision()
    {
        await using var store = new EtcdStore(new EtcdStoreOptions([fixture.Etcd.ClientUrl]));
        var written = await store.CreateAsync($"/endpoints/{Guid.NewGuid():N}", [1]);

        var status = await store.StatusAsync();

        Assert.True(status.Healthy, status.Error);
        Assert.Equal("etcd", status.Backend);
        Assert.True(status.DbSizeBytes > 0);
        Assert.True(status.CurrentRevision >= written);
    }
}
