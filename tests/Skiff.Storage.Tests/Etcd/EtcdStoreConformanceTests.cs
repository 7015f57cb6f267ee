using Skiff.Storage.Etcd;
using Skiff.Storage.Tests.Conformance;

namespace Skiff.Storage.Tests.Etcd;

/// <summary>The shared store contract against a real etcd; a restored snapshot gets an etcd of its own.</summary>
[Trait("Category", "Slow")]
[Collection(EtcdCollection.Name)]
public sealed class EtcdStoreConformanceTests(EtcdFixture fixture) : StoreConformanceTests
{
    private readonly List<EtcdProcess> _restored = [];

    protected override Task<IStore> OpenStoreAsync() =>
        Task.FromResult<IStore>(new EtcdStore(new EtcdStoreOptions([fixture.Etcd.ClientUrl])));

    protected override async Task<IStore> OpenRestoredAsync(string snapshotPath)
    {
        var etcd = await EtcdProcess.StartAsync(snapshot: snapshotPath);
        _restored.Add(etcd);
        return new EtcdStore(new EtcdStoreOptions([etcd.ClientUrl]));
    }

    protected override async Task CleanupAsync()
    {
        foreach (var etcd in _restored)
        {
            await etcd.DisposeAsync();
        }
    }
}
