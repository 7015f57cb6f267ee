using Grpc.Core;

namespace Skiff.Kubelet.Probes.Handlers;

/// <summary>exec probes: exit code 0 is success, the combined output is the message either way.</summary>
public sealed class ExecProber(ContainerExec exec)
{
    public async Task<ProbeResult> RunAsync(string containerId, IList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            var result = await exec.RunAsync(containerId, command, timeout, ct).ConfigureAwait(false);
            return result.ExitCode == 0 ? ProbeResult.Success(result.Output) : ProbeResult.Failure(result.Output);
        }
        catch (TimeoutException)
        {
            return ProbeResult.Failure($"command \"{string.Join(' ', command)}\" timed out");
        }
        catch (RpcException e)
        {
            return ProbeResult.Error(e.Status.Detail);
        }
    }
}
