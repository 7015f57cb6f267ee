using System.CommandLine;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.HollowNodes;
using Skiff.HollowNodes.Nodes;

namespace Skiff.Commands;

/// <summary>`skiff hollow-nodes`: simulated kubelets for scheduler, controller and scale tests. Only parses flags.</summary>
internal static class HollowNodesCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count", "-n") { Description = "How many nodes to register", Required = true };
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "Kubeconfig of the cluster to join", Required = true };
        var prefix = new Option<string>("--name-prefix") { Description = "Node names are this prefix and an index", DefaultValueFactory = _ => "hollow-" };
        var cpu = new Option<string>("--cpu") { Description = "CPU capacity of each node", DefaultValueFactory = _ => "4" };
        var memory = new Option<string>("--memory") { Description = "Memory capacity of each node", DefaultValueFactory = _ => "16Gi" };
        var storage = new Option<string>("--ephemeral-storage") { Description = "Ephemeral storage capacity of each node", DefaultValueFactory = _ => "100Gi" };
        var pods = new Option<int>("--pods") { Description = "Pod capacity of each node (at most 253)", DefaultValueFactory = _ => 110 };
        var labels = new Option<string?>("--labels") { Description = "Extra node labels, k=v,..." };
        var taints = new Option<string?>("--taints") { Description = "Node taints, k[=v]:Effect,..." };
        var zones = new Option<int>("--zones") { Description = "Spread topology.kubernetes.io/zone over this many zones (0: no zone label)" };
        var startupDelay = new Option<string>("--startup-delay") { Description = "Time a bound pod stays Pending before it runs", DefaultValueFactory = _ => "0s" };
        var parallelism = new Option<int>("--parallelism") { Description = "Requests in flight while registering nodes and renewing leases", DefaultValueFactory = _ => 32 };
        var deleteOnExit = new Option<bool>("--delete-on-exit") { Description = "Delete the nodes and their leases when stopped" };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Least severe log level written to stderr", DefaultValueFactory = _ => LogLevel.Information };

        var command = new Command("hollow-nodes", "Register simulated nodes that keep leases fresh and run bound pods without containers.")
        {
            count, kubeconfig, prefix, cpu, memory, storage, pods, labels, taints, zones, startupDelay, parallelism, deleteOnExit, logLevel,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var loggers = Logging.Create(parse.GetValue(logLevel));
            var logger = loggers.CreateLogger("skiff.hollow-nodes");
            HollowNodeOptions options;
            try
            {
                options = new HollowNodeOptions
                {
                    Count = InRange("--count", parse.GetValue(count), 1, HollowNodeOptions.MaxCount),
                    NamePrefix = parse.GetValue(prefix)!,
                    Cpu = Quantity("--cpu", parse.GetValue(cpu)!),
                    Memory = Quantity("--memory", parse.GetValue(memory)!),
                    EphemeralStorage = Quantity("--ephemeral-storage", parse.GetValue(storage)!),
                    Pods = InRange("--pods", parse.GetValue(pods), 1, NodeAddressing.LastPodOffset - NodeAddressing.FirstPodOffset + 1),
                    Labels = NodeLabels.Parse(parse.GetValue(labels)),
                    Taints = NodeTaints.Parse(parse.GetValue(taints)),
                    Zones = InRange("--zones", parse.GetValue(zones), 0, 1000),
                    StartupDelay = Duration.Parse("--startup-delay", parse.GetValue(startupDelay)!),
                    Parallelism = InRange("--parallelism", parse.GetValue(parallelism), 1, 1024),
                    DeleteOnExit = parse.GetValue(deleteOnExit),
                };
            }
            catch (OptionException e)
            {
                logger.LogError("{Message}", e.Message);
                return 2;
            }

            KubernetesClientConfiguration config;
            try
            {
                config = KubernetesClientConfiguration.BuildConfigFromConfigFile(parse.GetValue(kubeconfig));
            }
            catch (Exception e) when (e is IOException or k8s.Exceptions.KubeConfigException or UnauthorizedAccessException)
            {
                logger.LogError("cannot read --kubeconfig: {Message}", e.Message);
                return 2;
            }

            using var client = new Kubernetes(config);
            try
            {
                await new HollowCluster(client, options, TimeProvider.System, logger).RunAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException)
            {
                logger.LogError("cannot register the nodes: {Message}", e.Message);
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static int InRange(string flag, int value, int min, int max) =>
        value >= min && value <= max ? value : throw new OptionException($"{flag} must be between {min} and {max}, not {value}");

    private static ResourceQuantity Quantity(string flag, string text)
    {
        try
        {
            return new ResourceQuantity(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new OptionException($"{flag}: \"{text}\" is not a quantity such as 4, 500m or 16Gi");
        }
    }
}
