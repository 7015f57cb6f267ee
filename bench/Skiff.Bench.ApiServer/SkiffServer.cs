using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Skiff.Storage.Tests.Etcd;

namespace Skiff.Bench.ApiServer;

/// <summary>
/// A real `skiff server` process on a free loopback port with a fresh data dir, and an HTTPS client
/// holding the admin certificate from the kubeconfig it writes. Disposing kills the process and
/// deletes the dir.
/// </summary>
internal sealed class SkiffServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _dataDir;
    private readonly StringBuilder _log;

    private SkiffServer(Process process, string dataDir, StringBuilder log, HttpClient client, TimeSpan startToReady)
    {
        _process = process;
        _dataDir = dataDir;
        _log = log;
        Client = client;
        StartToReady = startToReady;
    }

    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    /// <summary>The admin kubeconfig the server wrote into its data dir.</summary>
    public string KubeconfigPath => Path.Combine(_dataDir, "kubeconfig.yaml");

    /// <summary>From Process.Start to the first /readyz 200.</summary>
    public TimeSpan StartToReady { get; }

    public static async Task<SkiffServer> StartAsync(string skiffDll, string? datastoreEndpoint)
    {
        var dataDir = Directory.CreateTempSubdirectory("skiff-bench-api-").FullName;
        var port = EtcdProcess.FreePorts(1)[0];
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { skiffDll, "server", "--data-dir", dataDir, "--bind-address", "127.0.0.1", "--https-listen-port", port.ToString(CultureInfo.InvariantCulture), "--disable-agent", "--log-level", "Warning" })
        {
            info.ArgumentList.Add(arg);
        }

        if (datastoreEndpoint is not null)
        {
            info.ArgumentList.Add("--datastore-endpoint");
            info.ArgumentList.Add(datastoreEndpoint);
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
            var client = await WaitReadyAsync(process, dataDir, port, clock, log);
            return new SkiffServer(process, dataDir, log, client, clock.Elapsed);
        }
        catch
        {
            Kill(process);
            Directory.Delete(dataDir, recursive: true);
            throw;
        }
    }

    /// <summary>VmRSS of the server process in MiB.</summary>
    public double RssMiB()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"skiff server exited with {_process.ExitCode}:\n{Log}");
        }

        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>User plus system CPU the server process has used so far.</summary>
    public TimeSpan Cpu()
    {
        // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name, in clock ticks (100 per second on Linux).
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

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

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Kill(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static async Task<HttpClient> WaitReadyAsync(Process process, string dataDir, int port, Stopwatch clock, StringBuilder log)
    {
        var kubeconfig = Path.Combine(dataDir, "kubeconfig.yaml");
        HttpClient? client = null;
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"skiff server exited with {process.ExitCode}:\n{log}");
            }

            // The kubeconfig appears once the certificates exist; until then there is nothing to authenticate with.
            if (client is null && File.Exists(kubeconfig) && TryLoadCertificate(kubeconfig) is { } cert)
            {
                client = Https.CreateClient(new Uri($"https://127.0.0.1:{port}"), cert);
            }

            if (client is not null)
            {
                try
                {
                    using var response = await client.GetAsync("/readyz");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return client;
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(10);
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

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
