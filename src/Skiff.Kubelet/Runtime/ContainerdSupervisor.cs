using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Skiff.Kubelet.Cri;

namespace Skiff.Kubelet.Runtime;

/// <summary>
/// Runs skiff's own containerd as a child process: starts it with the config under the data dir, waits
/// until its CRI answers, restarts it with backoff when it dies, and stops it on dispose. Containers
/// outlive containerd: each one is held by its runc shim, which a new containerd finds again in the
/// state dir, so stopping or restarting containerd (or skiff) never stops a pod.
/// </summary>
public sealed partial class ContainerdSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan _minBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _maxBackoff = TimeSpan.FromSeconds(30);
    // A containerd that stayed up this long is healthy again; its next crash restarts it at once.
    private static readonly TimeSpan _healthyAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan _stopGrace = TimeSpan.FromSeconds(10);

    private readonly ContainerdLayout _layout;
    private readonly RuntimeBinaries _binaries;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CriConnection _probe;
    private readonly CancellationTokenSource _stopping = new();
    private Process? _process;
    private Task? _monitor;
    private int _restarts;
    private int _disposed;

    public ContainerdSupervisor(ContainerdLayout layout, RuntimeBinaries binaries, ILoggerFactory loggers, TimeProvider time)
    {
        _layout = layout;
        _binaries = binaries;
        _logger = loggers.CreateLogger("skiff.containerd");
        _time = time;
        _probe = CriConnection.Open(layout.Socket);
    }

    /// <summary>The running containerd's process id, or null between a crash and its restart.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>How many times containerd was restarted after dying.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Raised after a restarted containerd answers the CRI again.</summary>
    public event Action? Restarted;

    /// <summary>
    /// Starts containerd and returns once its CRI answers Version. A containerd left behind by an
    /// earlier skiff (killed without stopping it) is stopped first, so exactly one owns the state dir.
    /// </summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("containerd is already started");
        }

        await StopLeftoverAsync(ct).ConfigureAwait(false);
        await LaunchAndWaitAsync(timeout, ct).ConfigureAwait(false);
        _monitor = Task.Run(() => MonitorAsync(timeout));
    }

    private async Task LaunchAndWaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var process = Launch();
        _process = process;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await WaitForCriAsync(process, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Terminate(process);
            throw new ContainerRuntimeException($"containerd did not answer on {_layout.Socket} within {timeout.TotalSeconds:0} s; see {_layout.LogFile}");
        }
        catch
        {
            Terminate(process);
            throw;
        }
    }

    private Process Launch()
    {
        Directory.CreateDirectory(_layout.ContainerdDir);
        if (File.Exists(_layout.Socket))
        {
            File.Delete(_layout.Socket);
        }

        // The shell only redirects containerd's output into its log file and then becomes containerd (exec),
        // so the child we watch is containerd itself.
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" --config \"$1\" >>\"$2\" 2>&1 </dev/null");
        start.ArgumentList.Add(_binaries.Containerd);
        start.ArgumentList.Add(_layout.ConfigFile);
        start.ArgumentList.Add(_layout.LogFile);
        // containerd finds the runc shim on PATH; the shim finds runc through the config's BinaryName.
        var shimDir = Path.GetDirectoryName(_binaries.ContainerdShim)!;
        start.Environment["PATH"] = $"{shimDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment.Remove("NOTIFY_SOCKET");

        var process = Process.Start(start) ?? throw new ContainerRuntimeException($"could not start {_binaries.Containerd}");
        File.WriteAllText(_layout.PidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        LogStarted(_logger, process.Id, _layout.Socket);
        return process;
    }

    private async Task WaitForCriAsync(Process process, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new ContainerRuntimeException($"containerd exited with code {process.ExitCode} while starting: {LogTail()}");
            }

            if (File.Exists(_layout.Socket) && await CriReadiness.ProbeAsync(_probe, ct).ConfigureAwait(false) is not null)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, ct).ConfigureAwait(false);
        }
    }

    private async Task MonitorAsync(TimeSpan startTimeout)
    {
        var backoff = _minBackoff;
        var ct = _stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            var process = _process!;
            var startedAt = _time.GetUtcNow();
            try
            {
                await process.WaitForExitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_time.GetUtcNow() - startedAt > _healthyAfter)
            {
                backoff = _minBackoff;
            }

            LogDied(_logger, process.ExitCode, backoff.TotalSeconds, LogTail());
            process.Dispose();
            try
            {
                await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _maxBackoff.Ticks));
                await LaunchAndWaitAsync(startTimeout, ct).ConfigureAwait(false);
                Interlocked.Increment(ref _restarts);
                LogRestarted(_logger, _process!.Id);
                Restarted?.Invoke();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is ContainerRuntimeException or IOException or System.ComponentModel.Win32Exception)
            {
                LogRestartFailed(_logger, e.Message);
            }
        }
    }

    /// <summary>Stops a containerd that an earlier skiff started for this data dir and never stopped.</summary>
    private async Task StopLeftoverAsync(CancellationToken ct)
    {
        if (!File.Exists(_layout.PidFile) || !int.TryParse(File.ReadAllText(_layout.PidFile).Trim(), out var pid))
        {
            return;
        }

        // The pid may have been reused by an unrelated process: only a containerd started with our config is ours.
        string cmdline;
        try
        {
            cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return;
        }

        if (!cmdline.Contains(_binaries.Containerd, StringComparison.Ordinal) || !cmdline.Contains(_layout.ConfigFile, StringComparison.Ordinal))
        {
            return;
        }

        LogLeftover(_logger, pid);
        Signals.Send(pid, Signals.SigTerm);
        var until = _time.GetUtcNow() + _stopGrace;
        while (Signals.IsAlive(pid) && _time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, ct).ConfigureAwait(false);
        }

        if (Signals.IsAlive(pid))
        {
            Signals.Send(pid, Signals.SigKill);
        }
    }

    private void Terminate(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        // SIGTERM lets containerd close its metadata database cleanly; it leaves the shims (and so
        // the containers) running.
        Signals.Send(process.Id, Signals.SigTerm);
        if (!process.WaitForExit(_stopGrace))
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    private string LogTail()
    {
        try
        {
            var lines = File.ReadLines(_layout.LogFile).TakeLast(5);
            return string.Join(" | ", lines);
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_monitor is not null)
        {
            await _monitor.ConfigureAwait(false);
        }

        if (_process is { } process)
        {
            await Task.Run(() => Terminate(process)).ConfigureAwait(false);
            LogStopped(_logger, process.Id);
            process.Dispose();
            _process = null;
        }

        try
        {
            File.Delete(_layout.PidFile);
        }
        catch (IOException)
        {
        }

        _probe.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "containerd started (pid {Pid}, socket {Socket})")]
    private static partial void LogStarted(ILogger logger, int pid, string socket);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "containerd exited with code {Code}; restarting in {Seconds} s. Last log lines: {Tail}")]
    private static partial void LogDied(ILogger logger, int code, double seconds, string tail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "containerd restarted (pid {Pid})")]
    private static partial void LogRestarted(ILogger logger, int pid);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "restarting containerd failed: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "stopping containerd (pid {Pid}) left by an earlier run")]
    private static partial void LogLeftover(ILogger logger, int pid);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "containerd (pid {Pid}) stopped; containers keep running")]
    private static partial void LogStopped(ILogger logger, int pid);
}
