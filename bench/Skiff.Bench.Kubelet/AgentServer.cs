using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Skiff.Bench.ApiServer;

namespace Skiff.Bench.Kubelet;

/// <summary>
/// A real `skiff server` with its kubelet (its own containerd under a fresh data dir) on a free loopback port, with
/// the test image archive dropped into agent/images so it is imported at start and no pod ever pulls. Disposing stops
/// the process (SIGTERM, then kill), removes leftover mounts and the data dir.
/// </summary>
internal sealed class AgentServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _log;

    private AgentServer(Process process, string dataDir, string nodeName, StringBuilder log, HttpClient client, HttpClient watchClient)
    {
        _process = process;
        DataDir = dataDir;
        NodeName = nodeName;
        _log = log;
        Client = client;
        WatchClient = watchClient;
    }

    public string DataDir { get; }

    public string NodeName { get; }

    public HttpClient Client { get; }

    /// <summary>A client without a request timeout, for the long-running watch.</summary>
    public HttpClient WatchClient { get; }

    public int ProcessId => _process.Id;

    /// <summary>The socket of the containerd skiff started under its data dir.</summary>
    public string ContainerdSocket => Path.Combine(DataDir, "agent", "containerd", "containerd.sock");

    /// <summary>The containerd skiff started (its pid file under the data dir).</summary>
    public int ContainerdProcessId => int.Parse(File.ReadAllText(Path.Combine(DataDir, "agent", "containerd", "containerd.pid")).Trim(), CultureInfo.InvariantCulture);

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<AgentServer> StartAsync(string skiffDll, string imageArchive)
    {
        var dataDir = Directory.CreateTempSubdirectory("skiff-bench-kubelet-").FullName;
        var images = Path.Combine(dataDir, "agent", "images");
        Directory.CreateDirectory(images);
        File.Copy(imageArchive, Path.Combine(images, Path.GetFileName(imageArchive)));
        var port = FreePort();
        var nodeName = "bench-" + Guid.NewGuid().ToString("N")[..8];

        // A cluster CIDR of its own so its bridge's addresses do not meet those of tests running beside it.
        var clusterCidr = $"10.{150 + Random.Shared.Next(40)}.0.0/16";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     skiffDll, "server", "--data-dir", dataDir, "--bind-address", "127.0.0.1", "--https-listen-port", port.ToString(CultureInfo.InvariantCulture),
                     "--node-name", nodeName, "--cluster-cidr", clusterCidr, "--log-level", "Warning",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        var log = new StringBuilder();
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (client, watchClient) = await WaitReadyAsync(process, dataDir, port, clock, log);
            return new AgentServer(process, dataDir, nodeName, log, client, watchClient);
        }
        catch
        {
            await StopAsync(process);
            CleanDataDir(dataDir);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        WatchClient.Dispose();
        await StopAsync(_process);
        _process.Dispose();
        CleanDataDir(DataDir);
    }

    /// <summary>SIGTERM first so skiff stops its containerd itself; a kill of the whole tree if it does not within 60 s.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Lazily unmounts whatever containerd left mounted under the data dir (rootfs, shm), then removes it.</summary>
    private static void CleanDataDir(string dataDir)
    {
        var mounts = File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(mountPoint => mountPoint.StartsWith(dataDir + "/", StringComparison.Ordinal))
            .OrderByDescending(mountPoint => mountPoint.Length);
        foreach (var mountPoint in mounts)
        {
            using var umount = Process.Start("umount", ["-l", mountPoint]);
            umount.WaitForExit();
        }

        Directory.Delete(dataDir, recursive: true);
    }

    private static async Task<(HttpClient Client, HttpClient Watch)> WaitReadyAsync(Process process, string dataDir, int port, Stopwatch clock, StringBuilder log)
    {
        var kubeconfig = Path.Combine(dataDir, "kubeconfig.yaml");
        X509Certificate2? cert = null;
        HttpClient? client = null;
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"skiff server exited with {process.ExitCode}:\n{log}");
            }

            if (client is null && File.Exists(kubeconfig) && TryLoadCertificate(kubeconfig) is { } loaded)
            {
                cert = loaded;
                client = Https.CreateClient(new Uri($"https://127.0.0.1:{port}"), cert);
            }

            if (client is not null)
            {
                try
                {
                    using var response = await client.GetAsync("/readyz");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var watch = Https.CreateClient(new Uri($"https://127.0.0.1:{port}"), cert!);
                        watch.Timeout = Timeout.InfiniteTimeSpan;
                        return (client, watch);
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(50);
        }

        client?.Dispose();
        throw new TimeoutException($"skiff server not ready within {StartTimeout.TotalSeconds} s:\n{log}");
    }

    private static X509Certificate2? TryLoadCertificate(string kubeconfig)
    {
        try
        {
            return Kubeconfig.ClientCertificate(File.ReadAllText(kubeconfig));
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            // Still being written.
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
