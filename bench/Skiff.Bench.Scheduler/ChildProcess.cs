using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Skiff.Bench.Scheduler;

/// <summary>A `dotnet skiff.dll ...` child with its output kept (bounded) for error reports; killed on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private const int MaxLogChars = 200_000;

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string? _readyLine;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, string? readyLine)
    {
        _process = process;
        _readyLine = readyLine;
    }

    public Task Ready => _ready.Task;

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

    public static ChildProcess Start(string skiffDll, IEnumerable<string> args, string? readyLine = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(skiffDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet " + skiffDll);
        var child = new ChildProcess(process, readyLine);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => child._ready.TrySetException(new InvalidOperationException($"skiff {string.Join(' ', info.ArgumentList.Skip(1).Take(1))} exited:\n{child.Log}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>VmRSS in MiB.</summary>
    public double RssMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>User plus system CPU used so far (fields 14 and 15 of /proc/pid/stat, 100 ticks a second).</summary>
    public TimeSpan Cpu()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromMilliseconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

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
            if (_log.Length < MaxLogChars)
            {
                _log.AppendLine(line);
            }
        }

        if (_readyLine is not null && line.Contains(_readyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
