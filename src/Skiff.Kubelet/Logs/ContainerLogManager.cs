using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Skiff.Kubelet.Logs;

/// <summary>
/// Upstream's container log manager: every monitor interval, the log of each running container that has reached
/// the maximum size is rotated (see <see cref="ContainerLogRotator"/>). Exited containers write nothing more, so their
/// logs are left as they are.
/// </summary>
internal sealed partial class ContainerLogManager(IContainerLogRuntime runtime, ContainerLogPolicy policy, TimeProvider time, ILogger logger)
{
    private readonly ContainerLogRotator _rotator = new(policy, runtime, time);

    // A container's log path never changes, so one ContainerStatus call per container is enough.
    private Dictionary<string, string> _paths = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RotateOnceAsync(ct).ConfigureAwait(false);
                await Task.Delay(policy.MonitorInterval, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                LogListFailed(logger, e.Status.Detail);
                await Task.Delay(policy.MonitorInterval, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One pass over the running containers; a failure with one container does not stop the others.</summary>
    public async Task RotateOnceAsync(CancellationToken ct)
    {
        var running = await runtime.RunningContainersAsync(ct).ConfigureAwait(false);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in running)
        {
            try
            {
                var path = _paths.GetValueOrDefault(id) ?? await runtime.LogPathAsync(id, ct).ConfigureAwait(false);
                if (path is null)
                {
                    continue;
                }

                paths[id] = path;
                if (await _rotator.RotateIfFullAsync(id, path, ct).ConfigureAwait(false))
                {
                    LogRotated(logger, id, path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or RpcException { StatusCode: not StatusCode.Cancelled })
            {
                LogRotateFailed(logger, id, e.Message);
            }
        }

        _paths = paths;
    }

    [LoggerMessage(EventId = 80, Level = LogLevel.Debug, Message = "rotated the log of container {ContainerId} at {Path}")]
    private static partial void LogRotated(ILogger logger, string containerId, string path);

    [LoggerMessage(EventId = 81, Level = LogLevel.Warning, Message = "failed to rotate the log of container {ContainerId}: {Reason}")]
    private static partial void LogRotateFailed(ILogger logger, string containerId, string reason);

    [LoggerMessage(EventId = 82, Level = LogLevel.Warning, Message = "failed to list containers for log rotation: {Reason}")]
    private static partial void LogListFailed(ILogger logger, string reason);
}
