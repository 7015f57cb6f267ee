using k8s.Models;

namespace Skiff.Kubelet.Volumes;

/// <summary>
/// Computes the files of configMap, secret, downwardAPI and projected volumes from their sources. Failures a pod
/// must wait on are <see cref="VolumeSetupException"/> with the error text upstream's plugins return.
/// </summary>
public sealed class VolumeContentBuilder(IVolumeSources sources, Func<IReadOnlyDictionary<string, ResourceQuantity>?> nodeAllocatable)
{
    /// <summary>Projected sources skipped because Skiff cannot serve them yet (clusterTrustBundle).</summary>
    public sealed record Result(Dictionary<string, FileProjection> Files, IReadOnlyList<string> Warnings);

    public async Task<Result?> BuildAsync(V1Pod pod, V1Volume volume, CancellationToken ct)
    {
        var ns = pod.Metadata.NamespaceProperty ?? "default";
        if (volume.ConfigMap is { } configMap)
        {
            return new Result(await ConfigMapFilesAsync(ns, configMap.Name, configMap.Items, configMap.DefaultMode ?? KeyToPathProjector.DefaultMode, configMap.Optional == true, projected: false, ct).ConfigureAwait(false), []);
        }

        if (volume.Secret is { } secret)
        {
            return new Result(await SecretFilesAsync(ns, secret.SecretName, secret.Items, secret.DefaultMode ?? KeyToPathProjector.DefaultMode, secret.Optional == true, projected: false, ct).ConfigureAwait(false), []);
        }

        if (volume.DownwardAPI is { } downward)
        {
            return new Result(DownwardApiRenderer.Project(pod, downward.Items, downward.DefaultMode ?? KeyToPathProjector.DefaultMode, nodeAllocatable()), []);
        }

        if (volume.Projected is { } projected)
        {
            return await ProjectedAsync(pod, ns, projected, ct).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<Result> ProjectedAsync(V1Pod pod, string ns, V1ProjectedVolumeSource projected, CancellationToken ct)
    {
        var defaultMode = projected.DefaultMode ?? KeyToPathProjector.DefaultMode;
        var files = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (var source in projected.Sources ?? [])
        {
            Dictionary<string, FileProjection> part;
            if (source.ConfigMap is { } configMap)
            {
                part = await ConfigMapFilesAsync(ns, configMap.Name, configMap.Items, defaultMode, configMap.Optional == true, projected: true, ct).ConfigureAwait(false);
            }
            else if (source.Secret is { } secret)
            {
                part = await SecretFilesAsync(ns, secret.Name, secret.Items, defaultMode, secret.Optional == true, projected: true, ct).ConfigureAwait(false);
            }
            else if (source.DownwardAPI is { } downward)
            {
                part = DownwardApiRenderer.Project(pod, downward.Items, defaultMode, nodeAllocatable());
            }
            else if (source.ServiceAccountToken is { } token)
            {
                part = await TokenFileAsync(pod, token, projected.DefaultMode, ct).ConfigureAwait(false);
            }
            else
            {
                warnings.Add("a projected volume source of an unsupported kind was skipped");
                continue;
            }

            foreach (var (path, file) in part)
            {
                files[path] = file;
            }
        }

        return new Result(files, warnings);
    }

    private async Task<Dictionary<string, FileProjection>> TokenFileAsync(V1Pod pod, V1ServiceAccountTokenProjection token, int? defaultMode, CancellationToken ct)
    {
        string value;
        try
        {
            value = await sources.ServiceAccountTokenAsync(pod, token.Audience, token.ExpirationSeconds ?? 3600, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new VolumeSetupException("FailedMount", $"failed to fetch token: {e.Message}");
        }

        return new Dictionary<string, FileProjection>(StringComparer.Ordinal)
        {
            [token.Path] = new FileProjection(System.Text.Encoding.UTF8.GetBytes(value), defaultMode ?? KeyToPathProjector.DefaultMode),
        };
    }

    private async Task<Dictionary<string, FileProjection>> ConfigMapFilesAsync(
        string ns, string name, IList<V1KeyToPath>? items, int defaultMode, bool optional, bool projected, CancellationToken ct)
    {
        var configMap = await sources.ConfigMapAsync(ns, name, ct).ConfigureAwait(false);
        if (configMap is null)
        {
            if (optional)
            {
                return new Dictionary<string, FileProjection>(StringComparer.Ordinal);
            }

            var notFound = $"configmap \"{name}\" not found";
            throw new VolumeSetupException("FailedMount", projected ? $"couldn't get configMap {ns}/{name}: {notFound}" : notFound);
        }

        return KeyToPathProjector.Project(KeyToPathProjector.Data(configMap), items, defaultMode, optional,
            key => $"configmap references non-existent config key: {key}");
    }

    private async Task<Dictionary<string, FileProjection>> SecretFilesAsync(
        string ns, string name, IList<V1KeyToPath>? items, int defaultMode, bool optional, bool projected, CancellationToken ct)
    {
        var secret = await sources.SecretAsync(ns, name, ct).ConfigureAwait(false);
        if (secret is null)
        {
            if (optional)
            {
                return new Dictionary<string, FileProjection>(StringComparer.Ordinal);
            }

            var notFound = $"secret \"{name}\" not found";
            throw new VolumeSetupException("FailedMount", projected ? $"couldn't get secret {ns}/{name}: {notFound}" : notFound);
        }

        return KeyToPathProjector.Project(KeyToPathProjector.Data(secret), items, defaultMode, optional,
            key => $"references non-existent secret key: {key}");
    }
}
