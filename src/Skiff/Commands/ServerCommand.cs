using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using Skiff.ApiServer.Hosting;
using Skiff.Kubelet;
using Skiff.Storage;

namespace Skiff.Commands;

/// <summary>`skiff server`: a whole single-node cluster. Only parses flags and wires components.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir", "-d")
        {
            Description = "Folder to hold state (default /var/lib/skiff for root, ~/.skiff otherwise)",
            DefaultValueFactory = _ => DefaultDataDir(),
        };
        var bindAddress = new Option<string>("--bind-address") { Description = "Address the API server listens on", DefaultValueFactory = _ => "0.0.0.0" };
        var port = new Option<int>("--https-listen-port") { Description = "HTTPS port of the API server", DefaultValueFactory = _ => 6443 };
        var datastore = new Option<string?>("--datastore-endpoint")
        {
            Description = "Store: empty or sqlite://PATH for the embedded store, http(s)://host:2379[,...] for etcd",
        };
        var datastoreCa = new Option<string?>("--datastore-cafile") { Description = "CA file for a TLS etcd datastore" };
        var datastoreCert = new Option<string?>("--datastore-certfile") { Description = "Client certificate for a TLS etcd datastore" };
        var datastoreKey = new Option<string?>("--datastore-keyfile") { Description = "Client key for a TLS etcd datastore" };
        var kubeconfig = new Option<string?>("--write-kubeconfig", "-o") { Description = "Write the admin kubeconfig here (default <data-dir>/kubeconfig.yaml)" };
        var tlsSan = new Option<string[]>("--tls-san") { Description = "Extra host name or IP in the serving certificate", AllowMultipleArgumentsPerToken = false };
        var disableAgent = new Option<bool>("--disable-agent") { Description = "Do not run a kubelet on this server" };
        var token = new Option<string?>("--token", "-t")
        {
            Description = "Secret agents join with (default: made at first start and kept in <data-dir>/server/token)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SKIFF_TOKEN"),
        };
        var serviceCidr = new Option<string>("--service-cidr") { Description = "Range for Service cluster IPs", DefaultValueFactory = _ => "10.43.0.0/16" };
        var clusterCidr = new Option<string>("--cluster-cidr") { Description = "Range for pod IPs", DefaultValueFactory = _ => "10.42.0.0/16" };
        var schedulerConfig = new Option<string?>("--scheduler-config") { Description = "KubeSchedulerConfiguration file (kubescheduler.config.k8s.io/v1) for the embedded scheduler" };
        var nodeName = new Option<string?>("--node-name") { Description = "Name of this server's node (default: the host name)" };
        var runtimeEndpoint = new Option<string?>("--container-runtime-endpoint") { Description = "Use this CRI socket instead of starting containerd" };
        var kubeletPort = new Option<int>("--kubelet-port") { Description = "HTTPS port of this server's kubelet (logs, exec, port-forward)", DefaultValueFactory = _ => 10250 };
        var cniBridge = new Option<string>("--cni-bridge") { Description = "Name of the pod network's bridge", DefaultValueFactory = _ => "cni0", Hidden = true };
        var containerLogs = new ContainerLogFlags();
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Least severe log level written to stderr", DefaultValueFactory = _ => LogLevel.Information };

        var command = new Command("server", "Run the API server, store and controllers of a cluster.")
        {
            dataDir, bindAddress, port, datastore, datastoreCa, datastoreCert, datastoreKey, kubeconfig, tlsSan, disableAgent, serviceCidr, clusterCidr, schedulerConfig, nodeName, runtimeEndpoint, kubeletPort, cniBridge, logLevel,
        };
        foreach (var option in containerLogs.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            using var loggers = Logging.Create(parse.GetValue(logLevel));
            var logger = loggers.CreateLogger("skiff.server");
            var (logPolicy, logError) = containerLogs.Parse(parse);
            if (logPolicy is null)
            {
                logger.LogError("{Reason}", logError);
                return 2;
            }

            if (!IPAddress.TryParse(parse.GetValue(bindAddress), out var address))
            {
                logger.LogError("--bind-address must be an IP address, not {Value}", parse.GetValue(bindAddress));
                return 2;
            }

            var dir = Path.GetFullPath(parse.GetValue(dataDir)!);
            var storeOptions = new StoreOptions
            {
                EtcdCaFile = parse.GetValue(datastoreCa),
                EtcdCertFile = parse.GetValue(datastoreCert),
                EtcdKeyFile = parse.GetValue(datastoreKey),
            };
            var options = new ApiServerOptions
            {
                DataDir = dir,
                BindAddress = address,
                Port = parse.GetValue(port),
                KubeconfigPath = parse.GetValue(kubeconfig),
                TlsSans = parse.GetValue(tlsSan) ?? [],
                ServiceCidr = parse.GetValue(serviceCidr)!,
                ClusterCidr = parse.GetValue(clusterCidr)!,
                Token = parse.GetValue(token),
            };
            var kubelet = parse.GetValue(disableAgent) ? null : new KubeletOptions
            {
                DataDir = dir,
                NodeName = parse.GetValue(nodeName),
                RuntimeEndpoint = parse.GetValue(runtimeEndpoint),
                ClusterCidr = options.ClusterCidr,
                KubeletPort = parse.GetValue(kubeletPort),
                BridgeName = parse.GetValue(cniBridge)!,
                ContainerLogs = logPolicy,
            };
            return await ServerRunner.RunAsync(options, parse.GetValue(datastore), storeOptions, loggers, ct, parse.GetValue(schedulerConfig), kubelet).ConfigureAwait(false);
        });
        command.Options.Add(token);
        return command;
    }

    internal static string DefaultDataDir() =>
        Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root"
            ? "/var/lib/skiff"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".skiff");
}
