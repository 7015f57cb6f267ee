using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Skiff.Bench.Controllers;

/// <summary>A `skiff hollow-nodes` process joined to the bench server; disposing kills its process tree.</summary>
internal sealed class HollowNodesProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private HollowNodesProcess(Process process)
    {
        _process = process;
    }

    public static HollowNodesProcess Start(string skiffDll, string kubeconfig, int count, int podsPerNode)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            skiffDll, "hollow-nodes", "--kubeconfig", kubeconfig, "--count", count.ToString(CultureInfo.InvariantCulture),
            "--pods", podsPerNode.ToString(CultureInfo.InvariantCulture), "--cpu", "64", "--memory", "256Gi", "--log-level", "Warning",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var nodes = new HollowNodesProcess(process);
        process.OutputDataReceived += (_, e) => nodes.Append(e.Data);
        process.ErrorDataReceived += (_, e) => nodes.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return nodes;
    }

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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
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
    }
}
