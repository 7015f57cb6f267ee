using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Skiff.Storage.Tests.Etcd;

/// <summary>
/// A real etcd (the system's /usr/bin/etcd) on free loopback ports in a temp data dir. Disposing it
/// kills the process and deletes the dir. Health is read from a separate plain-HTTP metrics port so
/// the same wait works when the client port demands TLS client certificates.
/// </summary>
public sealed class EtcdProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/etcd";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _log;

    private EtcdProcess(Process process, StringBuilder log, string dataDir, string clientUrl)
    {
        _process = process;
        _log = log;
        DataDir = dataDir;
        ClientUrl = clientUrl;
    }

    /// <summary>The client URL, e.g. <c>http://127.0.0.1:40123</c> (https when started with TLS).</summary>
    public string ClientUrl { get; }

    public string DataDir { get; }

    /// <summary>What etcd has written to stdout and stderr so far, for failure messages.</summary>
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

    /// <summary>Starts etcd and returns once it reports healthy.</summary>
    /// <param name="tls">Server certificate and client CA; when given, clients must present a certificate the CA signed.</param>
    /// <param name="extraArgs">More etcd flags, e.g. <c>--quota-backend-bytes</c>.</param>
    /// <param name="snapshot">A file from etcd's maintenance snapshot to restore (with etcdctl) before starting.</param>
    public static async Task<EtcdProcess> StartAsync(EtcdServerTls? tls = null, IEnumerable<string>? extraArgs = null, string? snapshot = null, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var dataDir = Directory.CreateTempSubdirectory("skiff-etcd-").FullName;
            try
            {
                return await StartOnceAsync(dataDir, tls, extraArgs, snapshot, ct);
            }
            catch (Exception e)
            {
                DeleteIfPresent(dataDir);

                // Another process may take one of the free ports between our check and etcd's bind; then pick new ones.
                if (attempt >= 3 || !e.Message.Contains("address already in use", StringComparison.Ordinal))
                {
                    throw;
                }
            }
        }
    }

    private static async Task<EtcdProcess> StartOnceAsync(string dataDir, EtcdServerTls? tls, IEnumerable<string>? extraArgs, string? snapshot, CancellationToken ct)
    {
        var ports = FreePorts(3);
        var (clientPort, peerPort, metricsPort) = (ports[0], ports[1], ports[2]);
        var scheme = tls is null ? "http" : "https";
        var clientUrl = $"{scheme}://127.0.0.1:{clientPort}";
        var peerUrl = $"http://127.0.0.1:{peerPort}";
        var args = new List<string>
        {
            "--name", "skiff-test",
            "--data-dir", Path.Combine(dataDir, "data"),
            "--listen-client-urls", clientUrl,
            "--advertise-client-urls", clientUrl,
            "--listen-peer-urls", peerUrl,
            "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", $"skiff-test={peerUrl}",
            "--listen-metrics-urls", $"http://127.0.0.1:{metricsPort}",
            "--logger", "zap",
            "--log-outputs", "stderr",
            "--log-level", "warn",
        };
        if (snapshot is not null)
        {
            await RestoreAsync(snapshot, Path.Combine(dataDir, "data"), peerUrl, ct);
        }

        if (tls is not null)
        {
            args.AddRange(["--client-cert-auth", "--trusted-ca-file", tls.CaFile, "--cert-file", tls.CertFile, "--key-file", tls.KeyFile]);
        }

        args.AddRange(extraArgs ?? []);

        var info = StartInfo(Binary, args);
        var log = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var etcd = new EtcdProcess(process, log, dataDir, clientUrl);
        try
        {
            await etcd.WaitHealthyAsync(metricsPort, ct);
            return etcd;
        }
        catch
        {
            await etcd.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
            DeleteIfPresent(DataDir);
        }
    }

    /// <summary>
    /// Distinct loopback ports nothing listens on right now. The OS picks them; all are held until
    /// all are picked so it cannot hand out one twice.
    /// </summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static void DeleteIfPresent(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static ProcessStartInfo StartInfo(string binary, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // etcd reads ETCD_* (and etcdctl ETCDCTL_*) variables as flags; a stray one must not change the test.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("ETCD", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        return info;
    }

    private static async Task RestoreAsync(string snapshot, string dataDir, string peerUrl, CancellationToken ct)
    {
        var info = StartInfo("/usr/bin/etcdctl", [
            "snapshot", "restore", snapshot,
            "--data-dir", dataDir,
            "--name", "skiff-test",
            "--initial-cluster", $"skiff-test={peerUrl}",
            "--initial-advertise-peer-urls", peerUrl,
        ]);
        info.Environment["ETCDCTL_API"] = "3";
        using var restore = Process.Start(info)!;
        var output = restore.StandardOutput.ReadToEndAsync(ct);
        var errors = restore.StandardError.ReadToEndAsync(ct);
        await restore.WaitForExitAsync(ct);
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"etcdctl snapshot restore failed ({restore.ExitCode}):\n{await output}{await errors}");
        }
    }

    private async Task WaitHealthyAsync(int metricsPort, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"etcd exited with code {_process.ExitCode} during start:\n{Log}");
            }

            try
            {
                var body = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/health", ct);
                if (body.Contains("\"health\":\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"etcd was not healthy within {StartTimeout.TotalSeconds} s:\n{Log}");
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
