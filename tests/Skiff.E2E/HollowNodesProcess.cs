using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Skiff.E2E;

/// <summary>
/// A real `skiff hollow-nodes` process registering simulated nodes with a running server, for controller,
/// scheduler and scale tests. Start it with the node count and any extra flags; it returns once every node
/// is registered with a Lease. Dispose (or <see cref="StopAsync"/>) sends SIGTERM, so heartbeats stop
/// and the nodes are left behind unless "--delete-on-exit" was passed.
/// </summary>
public sealed class HollowNodesProcess : IAsyncDisposable
{
    private const string ReadyLine = "hollow nodes ready";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HollowNodesProcess(Process process, string prefix, int count)
    {
        _process = process;
        Prefix = prefix;
        NodeNames = [.. Enumerable.Range(0, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>The nodes' name prefix; node i is named prefix + i.</summary>
    public string Prefix { get; }

    public IReadOnlyList<string> NodeNames { get; }

    public bool HasExited => _process.HasExited;

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

    /// <param name="prefix">Node name prefix; defaults to a unique one so tests sharing a server do not collide.</param>
    /// <param name="extraArgs">More flags, e.g. "--zones", "3", "--taints", "k=v:NoSchedule", "--delete-on-exit".</param>
    public static async Task<HollowNodesProcess> StartAsync(string kubeconfig, int count, string? prefix = null, params string[] extraArgs)
    {
        prefix ??= $"hollow-{Guid.NewGuid().ToString("N")[..6]}-";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "skiff.dll"), "hollow-nodes", "--kubeconfig", kubeconfig,
                     "--count", count.ToString(CultureInfo.InvariantCulture), "--name-prefix", prefix, .. extraArgs])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start skiff hollow-nodes");
        var hollow = new HollowNodesProcess(process, prefix, count);
        process.ErrorDataReceived += (_, e) => hollow.Append(e.Data);
        process.OutputDataReceived += (_, e) => hollow.Append(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => hollow._ready.TrySetException(new InvalidOperationException($"skiff hollow-nodes exited early:\n{hollow.Log}"));
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await hollow._ready.Task.WaitAsync(TimeSpan.FromSeconds(60 + (count / 20))).ConfigureAwait(false);
        }
        catch
        {
            await hollow.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return hollow;
    }

    /// <summary>Stops the heartbeats the way an operator would (SIGTERM) and waits for the process to exit.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        await Terminator.TerminateAsync(_process, timeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
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

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
