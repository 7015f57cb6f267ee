using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Globalization;
using Skiff.Bench.ApiServer;

namespace Skiff.Bench.Scheduler;

/// <summary>
/// A fresh `skiff server` (own data dir, loopback port) with `skiff hollow-nodes` registered against it, and an
/// HTTPS client holding the admin certificate. Disposing kills both processes and deletes the data dir.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private static readonly TimeSpan ServerStartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dataDir;

    private BenchCluster(string dataDir, ChildProcess server)
    {
        _dataDir = dataDir;
        Server = server;
    }

    public ChildProcess Server { get; }

    public ChildProcess? Nodes { get; private set; }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A second client without a request timeout, for the pod watch.</summary>
    public HttpClient WatchClient { get; private set; } = null!;

    public TimeSpan NodeRegistration { get; private set; }

    public static async Task<BenchCluster> StartAsync(string skiffDll, BenchOptions options, TextWriter log)
    {
        var dataDir = Directory.CreateTempSubdirectory("skiff-bench-sched-").FullName;
        var port = FreePort();
        var server = ChildProcess.Start(skiffDll, ["server", "--data-dir", dataDir, "--bind-address", "127.0.0.1", "--https-listen-port", port.ToString(CultureInfo.InvariantCulture), "--disable-agent", "--log-level", "Warning"]);
        var cluster = new BenchCluster(dataDir, server);
        try
        {
            await cluster.WaitReadyAsync(port);
            log.WriteLine($"server ready on {port}; registering {options.Nodes} hollow nodes");
            var clock = Stopwatch.StartNew();
            cluster.Nodes = ChildProcess.Start(
                skiffDll,
                ["hollow-nodes", "--kubeconfig", Path.Combine(dataDir, "kubeconfig.yaml"), "--count", options.Nodes.ToString(CultureInfo.InvariantCulture),
                 "--cpu", "4", "--memory", "16Gi", "--pods", "110", "--zones", options.Zones.ToString(CultureInfo.InvariantCulture)],
                readyLine: "hollow nodes ready");
            await cluster.Nodes.Ready.WaitAsync(TimeSpan.FromSeconds(120 + (options.Nodes / 10)));
            cluster.NodeRegistration = clock.Elapsed;
            log.WriteLine($"{options.Nodes} nodes registered in {clock.Elapsed.TotalSeconds:0.0} s");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Nodes?.Dispose();
        Server.Dispose();
        Client?.Dispose();
        WatchClient?.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync(int port)
    {
        var kubeconfig = Path.Combine(_dataDir, "kubeconfig.yaml");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ServerStartTimeout)
        {
            if (Server.Ready.IsFaulted)
            {
                await Server.Ready;
            }

            if (Client is null && File.Exists(kubeconfig))
            {
                try
                {
                    var cert = Kubeconfig.ClientCertificate(await File.ReadAllTextAsync(kubeconfig));
                    Client = Https.CreateClient(new Uri($"https://127.0.0.1:{port}"), cert);
                    WatchClient = Https.CreateClient(new Uri($"https://127.0.0.1:{port}"), cert);
                    WatchClient.Timeout = Timeout.InfiniteTimeSpan;
                }
                catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
                {
                    // Still being written.
                }
            }

            if (Client is not null)
            {
                try
                {
                    using var response = await Client.GetAsync("/readyz");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"skiff server not ready within {ServerStartTimeout.TotalSeconds} s:\n{Server.Log}");
    }
}
