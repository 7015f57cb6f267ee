using Skiff.Storage;
using Skiff.Storage.Etcd;

namespace Skiff.Bench.Storage;

/// <summary>What the benchmark compares, each opened fresh per round (the round number keeps SQLite files apart).</summary>
internal static class BenchTargets
{
    public static List<(string Name, Func<int, Task<IBenchTarget>> Open)> All(string etcdUrl, string scratchDir) =>
    [
        ("SQLite backend (IStore)", async round =>
        {
            var dir = Path.Combine(scratchDir, $"sqlite-{round}");
            var store = await StoreFactory.OpenAsync($"sqlite://{dir}/state.db", dir, new StoreOptions { CompactionInterval = TimeSpan.Zero });
            return new StoreTarget("SQLite backend (IStore)", store);
        }),
        ("etcd backend (IStore)", _ => Task.FromResult<IBenchTarget>(new StoreTarget("etcd backend (IStore)", new EtcdStore(new EtcdStoreOptions([etcdUrl]))))),
        ("raw etcd put (dotnet-etcd)", _ => Task.FromResult<IBenchTarget>(new RawEtcdTarget(etcdUrl))),
        ("raw etcd txn (dotnet-etcd)", _ => Task.FromResult<IBenchTarget>(new RawTxnTarget(etcdUrl))),
    ];
}
