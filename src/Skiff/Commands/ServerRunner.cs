using k8s;
using Microsoft.Extensions.Logging;
using Skiff.ApiServer.Hosting;
using Skiff.Client.Informers;
using Skiff.Controllers.Hosting;
using Skiff.Scheduler.Config;
using Skiff.Scheduler.Hosting;
using Skiff.Scheduler.Plugins;
using Skiff.Kubelet;
using Skiff.Storage;

namespace Skiff.Commands;

/// <summary>Starts the server's components in order, each gated on the one it needs, and stops them on SIGTERM.</summary>
internal static partial class ServerRunner
{
    public static async Task<int> RunAsync(ApiServerOptions options, string? datastore, StoreOptions storeOptions, ILoggerFactory loggers, CancellationToken ct, string? schedulerConfig = null, KubeletOptions? kubelet = null)
    {
        var logger = loggers.CreateLogger("skiff.server");
        SchedulerSettings schedulerSettings;
        try
        {
            schedulerSettings = schedulerConfig is null ? SchedulerConfigLoader.Default() : SchedulerConfigLoader.LoadFile(schedulerConfig);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException or YamlDotNet.Core.YamlException)
        {
            LogSchedulerConfigFailed(logger, e.Message);
            return 1;
        }

        var schedulerMetrics = new Skiff.Scheduler.Metrics.SchedulerMetrics();
        options = WithMetrics(options, schedulerMetrics);

        // The store opens while the API server readies its keys and listener; it is disposed after the host.
        var opening = OpenStoreAsync(options.DataDir, datastore, storeOptions, ct);
        try
        {
            var host = new ApiServerHost(options, opening, loggers, TimeProvider.System);
            await using (host.ConfigureAwait(false))
            {
                try
                {
                    await host.StartAsync(ct).ConfigureAwait(false);
                }
                catch (Exception) when (opening.IsFaulted)
                {
                    LogStoreFailed(logger, opening.Exception!.InnerException!.Message);
                    return 1;
                }
                catch (IOException e)
                {
                    LogListenFailed(logger, options.Port, e.Message);
                    return 1;
                }
                catch (Exception e) when (e is FormatException or InvalidDataException)
                {
                    LogTokenFailed(logger, e.Message);
                    return 1;
                }

                // The controller manager is a client of the API like any other; admin credentials until RBAC exists. Its
                // requests (and the scheduler's and the kubelet's) reach the pipeline in process, skipping TLS and sockets.
                using var client = new Kubernetes(LoopbackClientConfig.For(host, options), host.CreateInProcessHandler(host.Certificates.Admin));

                // One set of informers for the controller manager and the scheduler: each pod and node event is decoded
                // once in this process, not once per component. They run for the process's life; terms attach handlers.
                var informers = new SharedInformerFactory(client, TimeProvider.System, loggers);
                informers.Start(ct);
                var controllers = new ControllerManager(
                    client,
                    ControllerRegistry.All(options.ClusterCidr, File.ReadAllText(host.Certificates.AuthorityPath)),
                    TimeProvider.System,
                    loggers,
                    new ControllerManagerOptions { SharedInformers = informers }).RunAsync(ct);
                var scheduler = new SchedulerHost(client, schedulerSettings, DefaultPlugins.CreateRegistry(), TimeProvider.System, loggers, metrics: schedulerMetrics, sharedInformers: informers).RunAsync(ct);
                var agent = kubelet is null ? Task.FromResult<KubeletHost?>(null) : StartKubeletAsync(KubeletServingCertificates.WithCertificates(kubelet, host.Certificates, TimeProvider.System), client, loggers, logger, ct);
                var trim = StartupMemoryTrim.RunAsync(TimeSpan.FromSeconds(5), TimeProvider.System, ct);
                try
                {
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    LogStopping(logger);
                }

                // The kubelet stops first; its containers keep running for the next start to adopt.
                if (await agent.ConfigureAwait(false) is { } running)
                {
                    await running.DisposeAsync().ConfigureAwait(false);
                }

                // Controllers stop (and release their lease) while the API server still answers.
                await controllers.ConfigureAwait(false);
                await scheduler.ConfigureAwait(false);
                await trim.ConfigureAwait(false);
            }
        }
        finally
        {
            await CloseStoreAsync(opening).ConfigureAwait(false);
        }

        return 0;
    }

    private static Task<IStore> OpenStoreAsync(string dataDir, string? datastore, StoreOptions storeOptions, CancellationToken ct) =>
        Task.Run(
            () =>
            {
                Directory.CreateDirectory(dataDir);
                return StoreFactory.OpenAsync(datastore, dataDir, storeOptions, ct);
            },
            ct);

    private static async Task CloseStoreAsync(Task<IStore> opening)
    {
        // A store that failed to open was reported already; one still opening is waited for so it can be closed.
        await Task.WhenAny(opening).ConfigureAwait(false);
        if (opening.IsCompletedSuccessfully)
        {
            await opening.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ApiServerOptions WithMetrics(ApiServerOptions options, Skiff.Scheduler.Metrics.SchedulerMetrics metrics) => new()
    {
        DataDir = options.DataDir,
        BindAddress = options.BindAddress,
        Port = options.Port,
        TlsSans = options.TlsSans,
        KubeconfigPath = options.KubeconfigPath,
        ServiceCidr = options.ServiceCidr,
        ClusterCidr = options.ClusterCidr,
        Token = options.Token,
        ExtraHandlers = [.. options.ExtraHandlers, new MetricsHandler([metrics.Render, Skiff.ApiServer.Metrics.RuntimeMetrics.Render])],
    };

    [LoggerMessage(EventId = 13, Level = LogLevel.Critical, Message = "cannot read the scheduler configuration: {Reason}")]
    private static partial void LogSchedulerConfigFailed(ILogger logger, string reason);

    /// <summary>
    /// The server's own node. A machine without containerd still serves the API: the failure is logged, not fatal.
    /// </summary>
    private static async Task<KubeletHost?> StartKubeletAsync(KubeletOptions options, Kubernetes client, ILoggerFactory loggers, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await KubeletHost.StartAsync(options, client, loggers, TimeProvider.System, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is Kubelet.Runtime.ContainerRuntimeException or Kubelet.Runtime.MissingRuntimeDependencyException or k8s.Autorest.HttpOperationException or HttpRequestException or IOException or Grpc.Core.RpcException)
        {
            LogKubeletFailed(logger, e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "the agent (kubelet) did not start: {Reason}")]
    private static partial void LogKubeletFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Critical, Message = "cannot use the join token: {Reason}")]
    private static partial void LogTokenFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Critical, Message = "cannot open the datastore: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Critical, Message = "cannot listen on port {Port}: {Reason}")]
    private static partial void LogListenFailed(ILogger logger, int port, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "shutting down")]
    private static partial void LogStopping(ILogger logger);
}
