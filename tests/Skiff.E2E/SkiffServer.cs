using System.Diagnostics;
using System.Text;

namespace Skiff.E2E;

/// <summary>
/// A real `skiff server` process on a free loopback port with its own data dir, stopped and removed on
/// dispose. Tests talk to it only the way users do: kubectl and HTTPS.
/// </summary>
public sealed class SkiffServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SkiffServer(Process process, string dataDir, int port)
    {
        _process = process;
        DataDir = dataDir;
        Port = port;
    }

    public string DataDir { get; }

    public int Port { get; }

    public string Kubeconfig => Path.Combine(DataDir, "kubeconfig.yaml");

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

    public static Task<SkiffServer> StartAsync(string? dataDir = null, params string[] extraArgs) => StartAsync(dataDir, null, extraArgs);

    /// <param name="port">A fixed port, for restarting a killed server where its clients expect it; null picks a free one.</param>
    public static Task<SkiffServer> StartAsync(string? dataDir, int? port, params string[] extraArgs) => StartAsync(dataDir, port, agent: false, extraArgs);

    /// <summary>A server that also runs its kubelet (real containerd; root only). Stop it with <see cref="StopAsync"/> so containerd stops too.</summary>
    public static Task<SkiffServer> StartWithAgentAsync(string dataDir, int? port, params string[] extraArgs) => StartAsync(dataDir, port, agent: true, extraArgs);

    private static async Task<SkiffServer> StartAsync(string? dataDir, int? port, bool agent, string[] extraArgs)
    {
        dataDir ??= Directory.CreateTempSubdirectory("skiff-e2e-").FullName;
        port ??= FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "skiff.dll"));
        foreach (var arg in (string[])["server", "--data-dir", dataDir, "--bind-address", "127.0.0.1", "--https-listen-port", port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        if (!agent)
        {
            start.ArgumentList.Add("--disable-agent");
        }

        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start skiff");
        var server = new SkiffServer(process, dataDir, port.Value);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        return server;
    }

    /// <summary>kill -9, keeping the data dir, so a test can start a server on it again.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>SIGTERM, as systemd stops skiff: the kubelet and its containerd stop in order (containers keep running).</summary>
    public Task StopAsync(TimeSpan timeout) => Terminator.TerminateAsync(_process, timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"skiff exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                var response = await http.GetAsync(new Uri($"https://127.0.0.1:{Port}/readyz")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && File.Exists(Kubeconfig))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"skiff did not become ready in {timeout}:\n{Log}");
    }
}
