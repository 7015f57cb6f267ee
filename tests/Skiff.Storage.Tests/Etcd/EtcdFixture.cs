namespace Skiff.Storage.Tests.Etcd;

/// <summary>One plain-HTTP etcd shared by every test in <see cref="EtcdCollection"/>; tests keep apart by key prefix.</summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private EtcdProcess? _etcd;

    public EtcdProcess Etcd => _etcd ?? throw new InvalidOperationException("etcd is not started");

    public async Task InitializeAsync() => _etcd = await EtcdProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }
    }
}
