using System.Net;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Skiff.Kubelet.Cni;
using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Cri.V1;
using Skiff.Kubelet.Images;
using Skiff.Kubelet.Runtime.Registries;

namespace Skiff.Kubelet.Runtime;

/// <summary>
/// The node's container runtime as the kubelet sees it: a CRI connection, plus (unless
/// <c>--container-runtime-endpoint</c> names another runtime) skiff's own supervised containerd with
/// its config, pod network config and the images imported at start.
/// </summary>
public sealed partial class ContainerRuntime : IAsyncDisposable
{
    private readonly ContainerRuntimeOptions _options;
    private readonly ILogger _logger;

    private ContainerRuntime(ContainerRuntimeOptions options, CriConnection cri, ContainerdLayout? layout, ContainerdSupervisor? supervisor, ILogger logger)
    {
        _options = options;
        Cri = cri;
        Images = new ImagePuller(cri);
        Layout = layout;
        Supervisor = supervisor;
        _logger = logger;
    }

    /// <summary>The CRI clients (<c>Cri.Runtime</c>, <c>Cri.Images</c>).</summary>
    public CriConnection Cri { get; }

    /// <summary>Pulls and inspects images over the CRI.</summary>
    public ImagePuller Images { get; }

    /// <summary>Skiff's own containerd's files; null when connected to an external runtime.</summary>
    public ContainerdLayout? Layout { get; }

    /// <summary>The supervised containerd; null when connected to an external runtime.</summary>
    public ContainerdSupervisor? Supervisor { get; }

    /// <summary>The sandbox image every pod sandbox runs.</summary>
    public string SandboxImage => _options.SandboxImage;

    /// <summary>The CRI endpoint as <c>unix://</c> URL, as containerRuntimeEndpoint reports it.</summary>
    public string Endpoint => "unix://" + Cri.SocketPath;

    public static async Task<ContainerRuntime> StartAsync(ContainerRuntimeOptions options, ILoggerFactory loggers, TimeProvider time, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("skiff.runtime");
        if (!string.IsNullOrEmpty(options.RuntimeEndpoint))
        {
            var external = CriConnection.Open(options.RuntimeEndpoint);
            try
            {
                await WaitForExternalAsync(external, options.StartTimeout, time, ct).ConfigureAwait(false);
            }
            catch
            {
                external.Dispose();
                throw;
            }

            return new ContainerRuntime(options, external, null, null, logger);
        }

        options.Binaries.EnsurePresent();
        var layout = new ContainerdLayout(Path.GetFullPath(options.DataDir));
        WriteConfiguration(layout, options);

        var supervisor = new ContainerdSupervisor(layout, options.Binaries, loggers, time);
        CriConnection? cri = null;
        try
        {
            await supervisor.StartAsync(options.StartTimeout, ct).ConfigureAwait(false);
            cri = CriConnection.Open(layout.Socket);
            var runtime = new ContainerRuntime(options, cri, layout, supervisor, logger);
            if (options.PodCidr is { } podCidr)
            {
                runtime.ConfigurePodNetwork(podCidr);
            }

            await runtime.ImportImagesAsync(ct).ConfigureAwait(false);
            return runtime;
        }
        catch
        {
            cri?.Dispose();
            await supervisor.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void WriteConfiguration(ContainerdLayout layout, ContainerRuntimeOptions options)
    {
        foreach (var dir in new[] { layout.ContainerdDir, layout.Root, layout.State, layout.CniConfDir, layout.ImagesDir, layout.PodLogsDir })
        {
            Directory.CreateDirectory(dir);
        }

        RegistriesConfig registries;
        try
        {
            registries = RegistriesConfigLoader.Load(layout.RegistriesFile);
        }
        catch (InvalidDataException e)
        {
            throw new ContainerRuntimeException($"cannot read registry configuration: {e.Message}", e);
        }

        HostsDirectoryWriter.Write(layout.HostsDir, registries);
        File.WriteAllText(layout.ConfigFile, ContainerdConfigRenderer.Render(layout, options, registries, HostCapabilities.CanLowerOomScoreAdj()));
    }

    /// <summary>
    /// Writes the pod network for the node's pod CIDR (once the server has assigned one). containerd
    /// watches its CNI directory, so pods can start as soon as this returns; returns false when unchanged.
    /// </summary>
    public bool ConfigurePodNetwork(IPNetwork podCidr)
    {
        if (Layout is null)
        {
            // An external runtime brings its own CNI configuration.
            return false;
        }

        var changed = CniConfigWriter.Write(Layout.CniConfDir, new CniNetworkOptions
        {
            PodCidr = podCidr,
            BridgeName = _options.BridgeName,
            IpamDataDir = Layout.CniIpamDir,
        });
        if (changed)
        {
            LogPodNetwork(_logger, podCidr.ToString(), _options.BridgeName);
        }

        EnsureMasquerade(podCidr);
        return changed;
    }

    /// <summary>
    /// Runs on every configure, not only on a change: the rules live in the kernel and are gone after a reboot
    /// while the CNI file stays. A failure leaves pod-to-pod traffic working, so it is logged, not fatal.
    /// </summary>
    private void EnsureMasquerade(IPNetwork podCidr)
    {
        var rules = new PodMasqueradeRules(_options.BridgeName, podCidr, _options.ClusterCidr);
        var binary = rules.IsIpv6 ? _options.Binaries.Ip6tables : _options.Binaries.Iptables;
        try
        {
            PodMasquerade.Ensure(rules, args => IptablesCommand.Run(binary, args));
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            LogMasqueradeFailed(_logger, podCidr.ToString(), e.Message);
        }
    }

    /// <summary>Imports the pause image and every archive in <c>agent/images</c>; a bad archive is logged and skipped.</summary>
    private async Task ImportImagesAsync(CancellationToken ct)
    {
        var layout = Layout!;
        PauseImage.WriteArchive(_options.Binaries.Catatonit, _options.SandboxImage, layout.PauseArchive);
        var importer = new ImageImporter(_options.Binaries.Ctr, layout.Socket);
        await importer.ImportAsync(layout.PauseArchive, ct).ConfigureAwait(false);
        foreach (var archive in ImageImporter.ArchivesIn(layout.ImagesDir))
        {
            try
            {
                await importer.ImportAsync(archive, ct).ConfigureAwait(false);
                LogImported(_logger, archive);
            }
            catch (ImageImportException e)
            {
                LogImportFailed(_logger, e.Message);
            }
        }
    }

    private static async Task WaitForExternalAsync(CriConnection cri, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await CriReadiness.WaitAsync(cri, time, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ContainerRuntimeException($"the container runtime at {cri.SocketPath} did not become ready within {timeout.TotalSeconds:0} s");
        }
        catch (RpcException e)
        {
            throw new ContainerRuntimeException($"the container runtime at {cri.SocketPath} does not answer the CRI: {e.Status.Detail}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cri.Dispose();
        if (Supervisor is not null)
        {
            await Supervisor.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "pod network {Cidr} on bridge {Bridge}")]
    private static partial void LogPodNetwork(ILogger logger, string cidr, string bridge);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "pods in {Cidr} cannot reach beyond the cluster: {Reason}")]
    private static partial void LogMasqueradeFailed(ILogger logger, string cidr, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "imported image archive {Archive}")]
    private static partial void LogImported(ILogger logger, string archive);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "{Reason}")]
    private static partial void LogImportFailed(ILogger logger, string reason);
}
