using System.Diagnostics;

namespace Skiff.Storage.Tests.Sqlite;

/// <summary>The Skiff.Storage.CrashWriter child process, with its acknowledgements read as they come.</summary>
internal sealed class CrashWriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private CrashWriterProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
    }

    public static CrashWriterProcess Start(string dbPath)
    {
        // The test project builds the writer (ProjectReference without linking); same configuration, sibling folder.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var dll = Path.GetFullPath(Path.Combine(testBin.FullName, "..", "..", "..", "..", "Skiff.Storage.CrashWriter", "bin", configuration, framework, "Skiff.Storage.CrashWriter.dll"));
        Assert.True(File.Exists(dll), $"crash writer not built at {dll}");
        var info = new ProcessStartInfo("dotnet", [dll, dbPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new CrashWriterProcess(Process.Start(info)!);
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public async Task WaitForLinesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Lines.Count < count)
        {
            if (_process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"crash writer exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"crash writer printed only {Lines.Count} lines");
            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILL, then wait until the process is gone and its output is drained.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
