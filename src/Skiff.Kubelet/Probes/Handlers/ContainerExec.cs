using Grpc.Core;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Probes.Handlers;

/// <summary>Runs a command in a container through the CRI's ExecSync, as exec probes and hooks do.</summary>
public sealed class ContainerExec(RuntimeService.RuntimeServiceClient runtime)
{
    public sealed record Result(int ExitCode, byte[] Stdout, byte[] Stderr)
    {
        /// <summary>stdout then stderr, as upstream's combined output.</summary>
        public string Output => System.Text.Encoding.UTF8.GetString([.. Stdout, .. Stderr]);

        public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr);
    }

    /// <summary>Throws <see cref="TimeoutException"/> when the command outlives <paramref name="timeout"/>; null timeout waits as long as <paramref name="ct"/> allows.</summary>
    public async Task<Result> RunAsync(string containerId, IEnumerable<string> command, TimeSpan? timeout, CancellationToken ct)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = timeout is { } t ? (long)Math.Ceiling(t.TotalSeconds) : 0 };
        request.Cmd.AddRange(command);
        // The runtime enforces the timeout; our deadline only catches a runtime that does not answer at all.
        DateTime? deadline = timeout is { } limit ? DateTime.UtcNow + limit + TimeSpan.FromSeconds(5) : null;
        try
        {
            var response = await runtime.ExecSyncAsync(request, deadline: deadline, cancellationToken: ct).ConfigureAwait(false);
            return new Result(response.ExitCode, response.Stdout.ToByteArray(), response.Stderr.ToByteArray());
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded
            || (timeout is not null && e.Status.Detail.Contains("timeout", StringComparison.OrdinalIgnoreCase)))
        {
            throw new TimeoutException(e.Status.Detail, e);
        }
    }
}
