using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Events;
using Skiff.Client.Informers;
using Skiff.Kubelet.Containers;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Lifecycle;
using Skiff.Kubelet.Node;
using Skiff.Kubelet.Placeholders;
using Skiff.Kubelet.Pods;
using Skiff.Kubelet.Probes;
using Skiff.Kubelet.Runtime;
using Skiff.Kubelet.StaticPods;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet;

/// <summary>
/// The node agent: container runtime, node registration and heartbeat, and the pod workers fed by an informer of
/// the pods bound to this node. A client of the API like any other component.
/// </summary>
public sealed partial class KubeletHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private readonly bool _ownsRuntime;
    private PodWorkers? _workers;

    private KubeletHost(ContainerRuntime runtime, bool ownsRuntime, NodeAgent node)
    {
        Runtime = runtime;
        _ownsRuntime = ownsRuntime;
        Node = node;
    }

    public ContainerRuntime Runtime { get; }

    public NodeAgent Node { get; }

    /// <summary>
    /// Starts the kubelet. With <paramref name="runtime"/> null it starts (and later stops) its own container runtime;
    /// volumes, probes and hooks default to stand-ins until their real implementations are wired in.
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
        var logger = loggers.CreateLogger("skiff.kubelet");
        var owns = runtime is null;
        runtime ??= await ContainerRuntime.StartAsync(new ContainerRuntimeOptions
        {
            DataDir = options.DataDir,
            RuntimeEndpoint = options.RuntimeEndpoint,
            PodCidr = options.PodCidr,
        }, loggers, time, ct).ConfigureAwait(false);
        try
        {
            var version = await runtime.Cri.Runtime.VersionAsync(new VersionRequest(), cancellationToken: ct).ConfigureAwait(false);
            var nodeName = options.ResolvedNodeName;
            var machine = MachineInfo.Read(options.DataDir);
            var node = new NodeAgent(client, nodeName, machine, $"{version.RuntimeName}://{version.RuntimeVersion}", time, logger);
            var host = new KubeletHost(runtime, owns, node);
            await host.StartAsync(options, client, machine, loggers, time, logger, volumes, probes, hooks, ct).ConfigureAwait(false);
            return host;
        }
        catch
        {
            if (owns)
            {
                await runtime.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task StartAsync(
        KubeletOptions options, IKubernetes client, MachineInfo machine, ILoggerFactory loggers, TimeProvider time, ILogger logger,
        IVolumeManager? volumes, IProbeManager? probes, IHookRunner? hooks, CancellationToken ct)
    {
        await Node.RegisterAsync(ct).ConfigureAwait(false);
        var podCidr = options.PodCidr ?? await Node.PodCidrAsync(options.ClusterCidr, options.PodCidrWait, ct).ConfigureAwait(false);
        if (podCidr is { } cidr)
        {
            Runtime.ConfigurePodNetwork(cidr);
        }

        var paths = new KubeletPaths(options.DataDir);
        var informers = new SharedInformerFactory(client, time, loggers);
        var podInformer = informers.Get<V1Pod>();
        podInformer.AddIndex(PodWorkers.UidIndex, pod => [pod.Metadata.Uid]);
        var serviceInformer = informers.Get<V1Service>();
        informers.Start(_stop.Token);
        var broadcaster = new EventBroadcaster(client, time, loggers.CreateLogger("skiff.kubelet.events"));
        _background.Add(broadcaster.RunAsync(_stop.Token));
        probes ??= new NoProbeManager();
        var context = new PodRuntimeContext
        {
            Client = client,
            Cri = Runtime.Cri,
            Images = Runtime.Images,
            Volumes = volumes ?? new EmptyDirVolumeManager(paths.PodsDir),
            Probes = probes,
            Hooks = hooks ?? new NoHookRunner(),
            Events = broadcaster.NewRecorder("kubelet"),
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
        _background.Add(Node.RunAsync(_stop.Token));
        LogStarted(logger, Node.NodeName);
    }

    /// <summary>Stops the kubelet; running containers keep running for the next start to adopt.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_workers is not null)
        {
            await _workers.DisposeAsync().ConfigureAwait(false);
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

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "kubelet running as node {Node}")]
    private static partial void LogStarted(ILogger logger, string node);
}
