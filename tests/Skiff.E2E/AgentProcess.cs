using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Skiff.E2E;

/// <summary>
/// A real `skiff agent` process joining a server with a token, with its own data dir (and so its own containerd).
/// Dispose sends SIGTERM so the agent stops its containerd, then removes the data dir.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private const string RunningLine = "kubelet running as node";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _ownsDataDir;

    private AgentProcess(Process process, string dataDir, bool ownsDataDir)
    {
        _process = process;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
    }

    public string DataDir { get; }

    /// <summary>The kubeconfig the agent wrote for its kubelet: the node's own client certificate.</summary>
    public string Kubeconfig => Path.Combine(DataDir, "agent", "kubelet.kubeconfig");

    public string ClientCertificatePath => Path.Combine(DataDir, "agent", "client-kubelet.crt");

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

    /// <param name="dataDir">An existing data dir to start on again (kept on dispose); null makes a fresh one.</param>
    public static AgentProcess Start(string serverUrl, string token, string nodeName, string? dataDir = null)
    {
        var owns = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("skiff-e2e-agent-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Its own kubelet port and bridge, so it never collides with another kubelet on this machine.
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "skiff.dll"), "agent", "--server", serverUrl, "--token", token,
                     "--data-dir", dataDir, "--node-name", nodeName, "--kubelet-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                     "--cni-bridge", "ska" + Guid.NewGuid().ToString("N")[..8]])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start skiff agent");
        var agent = new AgentProcess(process, dataDir, owns);
        process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => agent._running.TrySetException(new InvalidOperationException($"skiff agent exited with {process.ExitCode}:\n{agent.Log}"));
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return agent;
    }

    /// <summary>Waits until the kubelet runs (its node is registered).</summary>
    public Task WaitRunningAsync(TimeSpan timeout) => _running.Task.WaitAsync(timeout);

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as an operator stops it; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        await Terminator.TerminateAsync(_process, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
        if (_ownsDataDir)
        {
            RemoveDataDir(DataDir);
        }
    }

    /// <summary>containerd may leave mounts under its root; they go before the folder does.</summary>
    public static void RemoveDataDir(string dataDir)
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

        try
        {
            Directory.Delete(dataDir, recursive: true);
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

        if (line.Contains(RunningLine, StringComparison.Ordinal))
        {
            _running.TrySetResult();
        }
    }
}
