using System.Text;
using Skiff.Storage.Etcd;

namespace Skiff.Storage.Tests.Etcd;

[Trait("Category", "Slow")]
public sealed class EtcdTlsTests : IAsyncLifetime
{
    private readonly TestCertificates _certs = TestCertificates.Create();
    private EtcdProcess? _etcd;

    private EtcdProcess Etcd => _etcd!;

    public async Task InitializeAsync() => _etcd = await EtcdProcess.StartAsync(_certs.Server);

    public async Task DisposeAsync()
    {
        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }

        _certs.Dispose();
    }

    [Fact]
    public async Task WithClientCertificate_WritesAndReads()
    {
        await using var store = new EtcdStore(new EtcdStoreOptions([Etcd.ClientUrl])
        {
            CaFile = _certs.CaFile,
            CertFile = _certs.ClientCertFile,
            KeyFile = _certs.ClientKeyFile,
        });

        var revision = await store.CreateAsync("/tls/a", Encoding.UTF8.GetBytes("secret"));
        var read = await store.GetAsync("/tls/a");

        Assert.NotNull(read);
        Assert.Equal("secret", Encoding.UTF8.GetString(read.Value));
        Assert.Equal(revision, read.ModRevision);
    }

    [Fact]
    public async Task WithoutClientCertificate_FailsAsUnavailableNamingTheHandshake()
    {
        await using var store = new EtcdStore(new EtcdStoreOptions([Etcd.ClientUrl]) { CaFile = _certs.CaFile });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.GetAsync("/tls/a")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
        Assert.Contains("etcd unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithUntrustedServer_FailsAsUnavailable()
    {
        using var other = TestCertificates.Create();
        await using var store = new EtcdStore(new EtcdStoreOptions([Etcd.ClientUrl])
        {
            CaFile = other.CaFile,
            CertFile = _certs.ClientCertFile,
            KeyFile = _certs.ClientKeyFile,
        });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.GetAsync("/tls/a")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
    }
}
