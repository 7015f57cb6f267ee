using System.Net;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.ApiServer.Hosting;
using Skiff.Storage;

namespace Skiff.Testing;

/// <summary>
/// A real API server over a fresh SQLite store in a temp dir, on a loopback port chosen by the OS: the component-test
/// tier for controllers and the scheduler. Dispose removes everything.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly IStore _store;
    private readonly ApiServerHost _host;

    private InProcessCluster(string dataDir, IStore store, ApiServerHost host)
    {
        _dataDir = dataDir;
        _store = store;
        _host = host;
    }

    public string KubeconfigPath => Path.Combine(_dataDir, "kubeconfig.yaml");

    public int Port => _host.Port;

    public static async Task<InProcessCluster> StartAsync(CancellationToken ct = default)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "skiff-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDir);
        var store = await StoreFactory.OpenAsync(null, dataDir, new StoreOptions(), ct).ConfigureAwait(false);
        var options = new ApiServerOptions { DataDir = dataDir, BindAddress = IPAddress.Loopback, Port = 0 };
        var host = new ApiServerHost(options, store, NullLoggerFactory.Instance, TimeProvider.System);
        var cluster = new InProcessCluster(dataDir, store, host);
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return cluster;
    }

    /// <summary>A new admin client; the caller disposes it.</summary>
    public Kubernetes NewClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (SQLite WAL) leaves a temp dir behind; not worth failing a test over.
        }
    }
}
