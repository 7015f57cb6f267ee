using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Events;
using Skiff.Client.Informers;
using Skiff.Kubelet.Containers;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Lifecycle;
using Skiff.Kubelet.Logs;
using Skiff.Kubelet.Node;
using Skiff.Kubelet.Pods;
using Skiff.Kubelet.Probes;
using Skiff.Kubelet.Runtime;
using Skiff.Kubelet.Server;
using Skiff.Kubelet.StaticPods;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet;

/// <summary>
/// The node agent: container runtime, node registration and heartbeat, the pod workers fed by an informer of the
/// pods bound to this node (with real volumes, probes and lifecycle hooks), and the kubelet's HTTPS API. A client of
/// the API like any other component.
/// </summary>
public sealed partial class KubeletHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private readonly bool _ownsRuntime;

    // Disposed in reverse order of creation: what the host made, never what a caller passed in.
    private readonly List<object> _owned = [];
    private PodWorkers? _workers;
    private KubeletServer? _server;

    private KubeletHost(ContainerRuntime runtime, bool ownsRuntime)
    {
        Runtime = runtime;
        _ownsRuntime = ownsRuntime;
    }

    public ContainerRuntime Runtime { get; }

    public NodeAgent Node { get; private set; } = null!;

    /// <summary>The port the kubelet's HTTPS API listens on; null when no serving certificate was supplied.</summary>
    public int? ServerPort => _server?.Port;

    /// <summary>
    /// Starts the kubelet. With <paramref name="runtime"/> null it starts (and later stops) its own container runtime;
    /// volumes, probes and hooks default to the real ones over the API and the CRI (tests may pass their own).
    /// </summary>
    public static async Task<KubeletHost> StartAsync(
        KubeletOptions options,
        IKubernetes client,
        ILoggerFactory loggers,
        TimeProvider time,
        CancellationToken ct,
        ContainerRuntime? runtime = null,
        IVolumeManager? volumes = null,
        IProbeManager? probes = null,
        IHookRunner? hooks = null)
    {
        if (options.ContainerLogs.Validate() is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        var logger = loggers.CreateLogger("skiff.kubelet");
        var owns = runtime is null;
        runtime ??= await ContainerRuntime.StartAsync(new ContainerRuntimeOptions
        {
            DataDir = options.DataDir,
            RuntimeEndpoint = options.RuntimeEndpoint,
            PodCidr = options.PodCidr,
            ClusterCidr = IPNetwork.TryParse(options.ClusterCidr, out var clusterCidr) ? clusterCidr : null,
            BridgeName = options.BridgeName,
        }, loggers, time, ct).ConfigureAwait(false);
        var host = new KubeletHost(runtime, owns);
        try
        {
            await host.StartAsync(options, client, loggers, time, logger, volumes, probes, hooks, ct).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartAsync(
        KubeletOptions options, IKubernetes client, ILoggerFactory loggers, TimeProvider time, ILogger logger,
        IVolumeManager? volumes, IProbeManager? probes, IHookRunner? hooks, CancellationToken ct)
    {
        var version = await Runtime.Cri.Runtime.VersionAsync(new VersionRequest(), cancellationToken: ct).ConfigureAwait(false);
        var nodeName = options.ResolvedNodeName;
        var machine = MachineInfo.Read(options.DataDir);
        var paths = new KubeletPaths(options.DataDir);
        var informers = new SharedInformerFactory(client, time, loggers);
        var podInformer = informers.Get<V1Pod>();
        podInformer.AddIndex(PodWorkers.UidIndex, pod => [pod.Metadata.Uid]);
        var serviceInformer = informers.Get<V1Service>();

        // The HTTPS API starts before the node registers, so the node's status names the port it really got.
        var port = await StartServerAsync(options, new InformerPodSource(podInformer.Lister, nodeName), paths, loggers, time, ct).ConfigureAwait(false);
        Node = new NodeAgent(client, nodeName, machine, $"{version.RuntimeName}://{version.RuntimeVersion}", time, logger, port);
        await Node.RegisterAsync(ct).ConfigureAwait(false);
        var podCidr = options.PodCidr ?? await Node.PodCidrAsync(options.ClusterCidr, options.PodCidrWait, ct).ConfigureAwait(false);
        if (podCidr is { } cidr)
        {
            Runtime.ConfigurePodNetwork(cidr);
        }

        informers.Start(_stop.Token);
        var broadcaster = new EventBroadcaster(client, time, loggers.CreateLogger("skiff.kubelet.events"));
        _background.Add(broadcaster.RunAsync(_stop.Token));
        var events = broadcaster.NewRecorder("kubelet");
        volumes ??= Own(DefaultVolumes(options, client, time, loggers, events, machine));
        probes ??= Own(new ProbeManager(Runtime.Cri, time, loggers.CreateLogger("skiff.kubelet.probes"), events));
        hooks ??= Own(new HookRunner(Runtime.Cri, time));
        var context = new PodRuntimeContext
        {
            Client = client,
            Cri = Runtime.Cri,
            Images = Runtime.Images,
            Volumes = volumes,
            Probes = probes,
            Hooks = hooks,
            Events = events,
            EnvSources = new ApiEnvSources(client),
            Services = serviceInformer.Lister,
            Paths = paths,
            Backoff = new CrashLoopBackoff(time),
            Time = time,
            Logger = logger,
            HostIp = () => machine.InternalIp,
            NodeAllocatable = () => NodeStatusBuilder.Capacity(machine),
            ClusterDns = options.ClusterDns,
            ClusterDomain = options.ClusterDomain,
        };
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token))
        {
            await podInformer.Synced.WaitAsync(wait.Token).ConfigureAwait(false);
            await serviceInformer.Synced.WaitAsync(wait.Token).ConfigureAwait(false);
        }

        var staticPods = new StaticPodSource();
        var workers = new PodWorkers(context, podInformer.Lister, Node.NodeName, staticPods.Find);
        _workers = workers;
        probes.Unhealthy += failure => workers.Unhealthy(failure.PodUid, failure.ContainerId, failure.ContainerName);
        probes.ResultsChanged += workers.Update;
        podInformer.AddHandler(e =>
        {
            if (workers.IsOurs(e.Object) || (e.Old is not null && workers.IsOurs(e.Old)))
            {
                workers.Update(e.Object.Metadata.Uid);
            }
        });
        var manifests = new StaticPodManager(staticPods, workers, client, podInformer.Lister, paths.StaticPodsDir, Node.NodeName, time, logger);
        manifests.Watch(podInformer);

        // Before adoption, so the containers of static pods already running are kept rather than removed as unknown.
        manifests.Rescan();
        await workers.AdoptAsync(ct).ConfigureAwait(false);
        _background.Add(manifests.RunAsync(_stop.Token));
        _background.Add(new PodLifecycleEventGenerator(Runtime.Cri, workers.Update, time, logger).RunAsync(_stop.Token));
        _background.Add(new ContainerLogManager(new CriContainerLogRuntime(Runtime.Cri), options.ContainerLogs, time, logger).RunAsync(_stop.Token));
        _background.Add(Node.RunAsync(_stop.Token));
        LogStarted(logger, Node.NodeName, port);
    }

    private static VolumeManager DefaultVolumes(
        KubeletOptions options, IKubernetes client, TimeProvider time, ILoggerFactory loggers, IEventRecorder events, MachineInfo machine)
    {
        var manager = new VolumeManager(options.DataDir, new ApiVolumeSources(client), time, loggers.CreateLogger("skiff.kubelet.volumes"),
            new VolumeManagerOptions { NodeAllocatable = () => NodeStatusBuilder.Capacity(machine) });
        manager.Warning += (pod, message) => events.Record(pod, "Warning", "FailedMount", message);
        return manager;
    }

    /// <summary>Starts the HTTPS API when the caller supplied its certificates; the port it listens on, or the default one to report.</summary>
    private async Task<int> StartServerAsync(KubeletOptions options, IKubeletPodSource pods, KubeletPaths paths, ILoggerFactory loggers, TimeProvider time, CancellationToken ct)
    {
        if (options.ServingCertificate is null || options.ClientAuthority is null)
        {
            return NodeStatusBuilder.DefaultKubeletPort;
        }

        var server = new KubeletServer(
            new KubeletServerOptions
            {
                Address = options.KubeletAddress,
                Port = options.KubeletPort,
                ServingCertificate = options.ServingCertificate,
                ClientAuthority = options.ClientAuthority,
                PodLogsDirectory = paths.PodLogsDir,
            },
            pods,
            Runtime.Cri,
            loggers,
            time);
        _server = server;
        await server.StartAsync(ct).ConfigureAwait(false);
        return server.Port;
    }

    private T Own<T>(T disposable)
        where T : class
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>Stops the kubelet; running containers keep running for the next start to adopt.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);

        // Streams end first so no exec or log request outlives the workers it reads from.
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        if (_workers is not null)
        {
            await _workers.DisposeAsync().ConfigureAwait(false);
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            switch (_owned[i])
            {
                case IAsyncDisposable async:
                    await async.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable sync:
                    sync.Dispose();
                    break;
            }
        }

        try
        {
            await Task.WhenAll(_background).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_ownsRuntime)
        {
            await Runtime.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "kubelet running as node {Node}, serving on port {Port}")]
    private static partial void LogStarted(ILogger logger, string node, int port);
}
