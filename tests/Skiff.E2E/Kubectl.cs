using System.Diagnostics;
using System.Text;

namespace Skiff.E2E;

/// <summary>Runs a real kubectl binary against a server, with its own discovery cache and a time limit.</summary>
public sealed class Kubectl
{
    public static readonly IReadOnlyList<string> Versions = ["1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33"];

    private readonly string _binary;
    private readonly string _kubeconfig;
    private readonly string _cacheDir;

    public Kubectl(string version, string kubeconfig)
    {
        Version = version;
        _binary = $"/usr/lib/google-cloud-sdk/bin/kubectl.{version}";
        _kubeconfig = kubeconfig;
        _cacheDir = Path.Combine(Path.GetDirectoryName(kubeconfig)!, $"kubectl-cache-{version}");
    }

    public string Version { get; }

    public Task<KubectlResult> RunAsync(string arguments, string? stdin = null, IDictionary<string, string>? env = null, int timeoutSeconds = 60)
    {
        // Global flags first: after `exec ... --` they would be part of the remote command.
        List<string> args = ["--kubeconfig", _kubeconfig, "--cache-dir", _cacheDir, .. SplitArgs(arguments)];
        return RunProcessAsync(_binary, args, arguments, stdin, env, timeoutSeconds);
    }

    /// <summary>Starts a long-running kubectl (logs -f, port-forward, attach) whose output the test reads as it comes; the caller kills it.</summary>
    public Process Start(string arguments, bool redirectStdin = false)
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        // Global flags first: after `exec ... --` they would be part of the remote command.
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(_cacheDir);
        foreach (var arg in SplitArgs(arguments))
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }

    /// <summary>
    /// Runs kubectl with a pseudo-terminal as its stdin and stdout (util-linux <c>script</c> provides one), as a user at a
    /// shell would for <c>exec -it</c>; the output is what the terminal showed.
    /// </summary>
    public Task<KubectlResult> RunInTerminalAsync(string arguments, int timeoutSeconds = 60)
    {
        var words = new List<string> { _binary, "--kubeconfig", _kubeconfig, "--cache-dir", _cacheDir };
        words.AddRange(SplitArgs(arguments));
        var commandLine = string.Join(' ', words.Select(w => "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return RunProcessAsync("/usr/bin/script", ["--quiet", "--return", "--command", commandLine, "/dev/null"], arguments, string.Empty, null, timeoutSeconds);
    }

    private async Task<KubectlResult> RunProcessAsync(string file, IEnumerable<string> args, string description, string? stdin, IDictionary<string, string>? env, int timeoutSeconds)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                start.Environment[k] = v;
            }
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {Version} {description} did not finish in {timeoutSeconds}s");
        }

        return new KubectlResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    public async Task<string> OkAsync(string arguments, string? stdin = null, int timeoutSeconds = 60)
    {
        var result = await RunAsync(arguments, stdin, timeoutSeconds: timeoutSeconds).ConfigureAwait(false);
        Assert.True(result.ExitCode == 0, $"kubectl {Version} {arguments} failed ({result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        return result.Stdout;
    }

    /// <summary>Splits on spaces, keeping single-quoted parts together (enough for test command lines).</summary>
    private static List<string> SplitArgs(string arguments)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in arguments)
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    args.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            args.Add(current.ToString());
        }

        return args;
    }
}

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr);
