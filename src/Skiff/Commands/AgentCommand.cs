using System.CommandLine;
using Microsoft.Extensions.Logging;
using Skiff.Api.Join;
using Skiff.Kubelet;

namespace Skiff.Commands;

/// <summary>`skiff agent`: join a cluster with its token and run this machine's kubelet. Only parses flags.</summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var server = new Option<string?>("--server", "-s")
        {
            Description = "URL of the server to join, e.g. https://10.0.0.1:6443 (or $SKIFF_URL)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SKIFF_URL"),
        };
        var token = new Option<string?>("--token", "-t")
        {
            Description = "Join token from the server's <data-dir>/server/token (or $SKIFF_TOKEN)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SKIFF_TOKEN"),
        };
        var dataDir = new Option<string>("--data-dir", "-d")
        {
            Description = "Folder to hold state (default /var/lib/skiff for root, ~/.skiff otherwise)",
            DefaultValueFactory = _ => ServerCommand.DefaultDataDir(),
        };
        var nodeName = new Option<string?>("--node-name") { Description = "Name of this node (default: the host name)" };
        var runtimeEndpoint = new Option<string?>("--container-runtime-endpoint") { Description = "Use this CRI socket instead of starting containerd" };
        var kubeletPort = new Option<int>("--kubelet-port") { Description = "HTTPS port of this node's kubelet (logs, exec, port-forward)", DefaultValueFactory = _ => 10250 };
        var cniBridge = new Option<string>("--cni-bridge") { Description = "Name of the pod network's bridge", DefaultValueFactory = _ => "cni0", Hidden = true };
        var containerLogs = new ContainerLogFlags();
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Least severe log level written to stderr", DefaultValueFactory = _ => LogLevel.Information };

        var command = new Command("agent", "Join a cluster as a node and run its kubelet.")
        {
            server, token, dataDir, nodeName, runtimeEndpoint, kubeletPort, cniBridge, logLevel,
        };
        foreach (var option in containerLogs.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            using var loggers = Logging.Create(parse.GetValue(logLevel));
            var logger = loggers.CreateLogger("skiff.agent");
            var (logPolicy, logError) = containerLogs.Parse(parse);
            if (logPolicy is null)
            {
                logger.LogError("{Reason}", logError);
                return 2;
            }

            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                logger.LogError("--server must be the server's https:// URL, not \"{Value}\"", parse.GetValue(server));
                return 2;
            }

            JoinToken joinToken;
            try
            {
                joinToken = JoinToken.Parse(parse.GetValue(token) ?? string.Empty);
            }
            catch (FormatException e)
            {
                logger.LogError("--token: {Reason}", e.Message);
                return 2;
            }

            var kubelet = new KubeletOptions
            {
                DataDir = Path.GetFullPath(parse.GetValue(dataDir)!),
                NodeName = parse.GetValue(nodeName),
                RuntimeEndpoint = parse.GetValue(runtimeEndpoint),
                KubeletPort = parse.GetValue(kubeletPort),
                BridgeName = parse.GetValue(cniBridge)!,
                ContainerLogs = logPolicy,
            };
            return await AgentRunner.RunAsync(url, joinToken, kubelet, loggers, ct).ConfigureAwait(false);
        });
        return command;
    }
}
