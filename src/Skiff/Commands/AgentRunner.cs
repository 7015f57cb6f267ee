using k8s;
using Microsoft.Extensions.Logging;
using Skiff.Api.Join;
using Skiff.Kubelet;
using Skiff.Kubelet.Join;
using Skiff.Kubelet.Node;

namespace Skiff.Commands;

/// <summary>Joins the cluster (or reuses the credentials of an earlier join), then runs the kubelet until SIGTERM.</summary>
internal static partial class AgentRunner
{
    public static async Task<int> RunAsync(Uri server, JoinToken token, KubeletOptions options, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("skiff.agent");
        var nodeName = options.ResolvedNodeName;
        NodeCredentials credentials;
        try
        {
            var machine = MachineInfo.Read(options.DataDir);
            credentials = await NodeJoiner.LoadOrJoinAsync(new JoinRequest
            {
                Server = server,
                Token = token,
                AgentDir = Path.Combine(options.DataDir, "agent"),
                NodeName = nodeName,
                NodeIps = machine.InternalIp is { } ip ? [ip] : [],
            }, TimeProvider.System, logger, ct).ConfigureAwait(false);
        }
        catch (JoinException e)
        {
            LogJoinFailed(logger, e.Message);
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(credentials.KubeconfigPath));
        KubeletHost host;
        try
        {
            var withIdentity = options with
            {
                NodeName = nodeName,
                ServingCertificate = credentials.LoadServingCertificate(),
                ClientAuthority = credentials.LoadClientAuthority(),
            };
            host = await KubeletHost.StartAsync(withIdentity, client, loggers, TimeProvider.System, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is Kubelet.Runtime.ContainerRuntimeException or Kubelet.Runtime.MissingRuntimeDependencyException or k8s.Autorest.HttpOperationException or HttpRequestException or IOException or Grpc.Core.RpcException)
        {
            LogKubeletFailed(logger, e.Message);
            return 1;
        }

        await using (host.ConfigureAwait(false))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogStopping(logger);
            }
        }

        return 0;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Critical, Message = "cannot join the cluster: {Reason}")]
    private static partial void LogJoinFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Critical, Message = "the kubelet did not start: {Reason}")]
    private static partial void LogKubeletFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "shutting down")]
    private static partial void LogStopping(ILogger logger);
}
