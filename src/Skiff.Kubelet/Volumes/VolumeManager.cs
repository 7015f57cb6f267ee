using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Api.Quantities;

namespace Skiff.Kubelet.Volumes;

/// <summary>
/// Sets up a pod's volumes under <c>&lt;data-dir&gt;/agent/pods/&lt;uid&gt;/volumes/&lt;plugin&gt;/&lt;name&gt;</c> as kubelet lays
/// them out, and keeps configMap, secret, downwardAPI and projected content in step with their sources by re-reading
/// them every <see cref="VolumeManagerOptions.ResyncPeriod"/> and swapping changed content in atomically.
/// </summary>
public sealed partial class VolumeManager : IVolumeManager, IAsyncDisposable
{
    private readonly string _podsDir;
    private readonly VolumeContentBuilder _content;
    private readonly PersistentVolumeResolver _claims;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _secretsOnTmpfs;
    private readonly ConcurrentDictionary<string, MountedPod> _pods = new(StringComparer.Ordinal);
    private readonly ITimer _resyncTimer;
    private readonly CancellationTokenSource _stop = new();
    private int _resyncing;

    public VolumeManager(string dataDir, IVolumeSources sources, TimeProvider time, ILogger logger, VolumeManagerOptions? options = null)
    {
        options ??= new VolumeManagerOptions();
        _podsDir = Path.Combine(Path.GetFullPath(dataDir), "agent", "pods");
        _content = new VolumeContentBuilder(sources, options.NodeAllocatable);
        _claims = new PersistentVolumeResolver(sources);
        _time = time;
        _logger = logger;
        _secretsOnTmpfs = options.SecretsOnTmpfs ?? Environment.IsPrivilegedProcess;
        _resyncTimer = time.CreateTimer(_ => _ = ResyncInBackgroundAsync(), null, options.ResyncPeriod, options.ResyncPeriod);
    }

    /// <summary>Raised with (pod, message) for volume problems that do not stop the pod, e.g. a skipped serviceAccountToken projection.</summary>
    public event Action<V1Pod, string>? Warning;

    public string VolumeDir(string podUid, string plugin, string volumeName) => Path.Combine(_podsDir, podUid, "volumes", plugin, volumeName);

    public async Task<PodVolumes> SetUpAsync(V1Pod pod, CancellationToken ct)
    {
        var uid = pod.Metadata.Uid;
        var mounted = _pods.GetOrAdd(uid, _ => new MountedPod());
        await mounted.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            mounted.Pod = pod;
            var volumes = new Dictionary<string, VolumeHostPath>(StringComparer.Ordinal);
            foreach (var volume in pod.Spec.Volumes ?? [])
            {
                volumes[volume.Name] = await SetUpVolumeAsync(pod, volume, warn: !mounted.SetUp, ct).ConfigureAwait(false);
            }

            mounted.SetUp = true;
            return new PodVolumes(volumes);
        }
        finally
        {
            mounted.Lock.Release();
        }
    }

    private async Task<VolumeHostPath> SetUpVolumeAsync(V1Pod pod, V1Volume volume, bool warn, CancellationToken ct)
    {
        var uid = pod.Metadata.Uid;
        if (volume.HostPath is { } hostPath)
        {
            if (HostPathTypeChecker.Check(hostPath.Path, hostPath.Type) is { } error)
            {
                throw SetUpFailed(volume, error);
            }

            return new VolumeHostPath(hostPath.Path, ReadOnly: false);
        }

        if (volume.EmptyDir is { } emptyDir)
        {
            var dir = VolumeDir(uid, VolumePluginNames.EmptyDir, volume.Name);
            Directory.CreateDirectory(dir);
            switch (emptyDir.Medium ?? string.Empty)
            {
                case "":
                    break;
                case "Memory":
                    await MountTmpfsAsync(volume, dir, emptyDir.SizeLimit is { } limit ? limit.ToQuantity().Value() : null, ct).ConfigureAwait(false);
                    break;
                default:
                    throw SetUpFailed(volume, $"unsupported emptyDir medium \"{emptyDir.Medium}\"");
            }

            // emptyDir is world-writable upstream so containers running as any user can use it.
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
            return new VolumeHostPath(dir, ReadOnly: false);
        }

        if (volume.PersistentVolumeClaim is { } claim)
        {
            return await _claims.ResolveAsync(pod.Metadata.NamespaceProperty ?? "default", claim, ct).ConfigureAwait(false);
        }

        if (ContentPlugin(volume) is { } plugin)
        {
            var dir = VolumeDir(uid, plugin, volume.Name);
            await WriteContentAsync(pod, volume, dir, warn, ct).ConfigureAwait(false);
            return new VolumeHostPath(dir, ReadOnly: true);
        }

        throw SetUpFailed(volume, "no volume plugin matched");
    }

    private async Task WriteContentAsync(V1Pod pod, V1Volume volume, string dir, bool warn, CancellationToken ct)
    {
        VolumeContentBuilder.Result result;
        try
        {
            result = (await _content.BuildAsync(pod, volume, ct).ConfigureAwait(false))!;
        }
        catch (VolumeSetupException e)
        {
            throw SetUpFailed(volume, e.Message);
        }

        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
            if (volume.Secret is not null || volume.Projected is not null)
            {
                await PrepareSecretDirAsync(volume, dir, ct).ConfigureAwait(false);
            }
        }

        if (warn)
        {
            foreach (var warning in result.Warnings)
            {
                LogVolumeWarning(_logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, volume.Name, warning);
                Warning?.Invoke(pod, $"volume \"{volume.Name}\": {warning}");
            }
        }

        if (AtomicWriter.Write(dir, result.Files, _time) && !warn)
        {
            LogVolumeUpdated(_logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, volume.Name);
        }
    }

    /// <summary>Secrets (and projections, which usually carry them) live on tmpfs as upstream; without root, a private directory.</summary>
    private async Task PrepareSecretDirAsync(V1Volume volume, string dir, CancellationToken ct)
    {
        if (_secretsOnTmpfs)
        {
            await MountTmpfsAsync(volume, dir, null, ct).ConfigureAwait(false);
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        }
        else
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_000_000);
        }
    }

    private static async Task MountTmpfsAsync(V1Volume volume, string dir, long? size, CancellationToken ct)
    {
        try
        {
            await Tmpfs.MountAsync(dir, size, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw SetUpFailed(volume, e.Message);
        }
    }

    private static string? ContentPlugin(V1Volume volume) =>
        volume.ConfigMap is not null ? VolumePluginNames.ConfigMap
        : volume.Secret is not null ? VolumePluginNames.Secret
        : volume.DownwardAPI is not null ? VolumePluginNames.DownwardApi
        : volume.Projected is not null ? VolumePluginNames.Projected
        : null;

    private static VolumeSetupException SetUpFailed(V1Volume volume, string error) =>
        new("FailedMount", $"MountVolume.SetUp failed for volume \"{volume.Name}\" : {error}");

    /// <summary>Re-reads every mounted pod's content volumes now; the timer calls this every resync period.</summary>
    public async Task ResyncAsync(CancellationToken ct)
    {
        foreach (var (uid, mounted) in _pods)
        {
            await mounted.Lock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (!mounted.SetUp || mounted.Pod is not { } pod || !_pods.ContainsKey(uid))
                {
                    continue;
                }

                foreach (var volume in pod.Spec.Volumes ?? [])
                {
                    if (ContentPlugin(volume) is not { } plugin)
                    {
                        continue;
                    }

                    try
                    {
                        await WriteContentAsync(pod, volume, VolumeDir(uid, plugin, volume.Name), warn: false, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is VolumeSetupException or IOException or k8s.Autorest.HttpOperationException or HttpRequestException)
                    {
                        // The content already mounted stays as it was, as upstream keeps the last good projection.
                        LogResyncFailed(_logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name, volume.Name, e.Message);
                    }
                }
            }
            finally
            {
                mounted.Lock.Release();
            }
        }
    }

    private async Task ResyncInBackgroundAsync()
    {
        if (Interlocked.Exchange(ref _resyncing, 1) == 1)
        {
            return;
        }

        try
        {
            await ResyncAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            LogResyncCrashed(_logger, e);
        }
        finally
        {
            Volatile.Write(ref _resyncing, 0);
        }
    }

    public async Task TearDownAsync(string podUid, CancellationToken ct)
    {
        var mounted = _pods.GetOrAdd(podUid, _ => new MountedPod());
        await mounted.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var volumesDir = Path.Combine(_podsDir, podUid, "volumes");
            if (Directory.Exists(volumesDir))
            {
                foreach (var mountPoint in Tmpfs.MountPointsUnder(volumesDir))
                {
                    await Tmpfs.UnmountAsync(mountPoint, ct).ConfigureAwait(false);
                }

                Directory.Delete(volumesDir, recursive: true);
            }

            _pods.TryRemove(podUid, out _);
        }
        finally
        {
            mounted.Lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _resyncTimer.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed class MountedPod
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public V1Pod? Pod { get; set; }

        public bool SetUp { get; set; }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} volume {Volume}: {Warning}")]
    private static partial void LogVolumeWarning(ILogger logger, string? @namespace, string? pod, string volume, string warning);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} volume {Volume} updated from its source")]
    private static partial void LogVolumeUpdated(ILogger logger, string? @namespace, string? pod, string volume);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} volume {Volume} resync failed: {Error}")]
    private static partial void LogResyncFailed(ILogger logger, string? @namespace, string? pod, string volume, string error);

    [LoggerMessage(EventId = 63, Level = LogLevel.Error, Message = "volume resync failed")]
    private static partial void LogResyncCrashed(ILogger logger, Exception exception);
}
